#include "migrate/check_migrations.h"
#include "diff/differ.h"
#include "drivers/open.h"
#include "migrate/drift_check.h"
#include "migrate/migration_dir.h"
#include "migrate/new_migration.h"
#include "migrate/snapshot.h"
#include "migrate/sum_file.h"
#include "plan/plan.h"
#include <filesystem>

namespace tether {

std::string dialectOfDir(const std::string &dir) {
  std::filesystem::path p(dir);
  std::string base = p.filename().string();
  if (base.empty()) base = p.parent_path().filename().string();
  if (base == "sqlite") return "sqlite";
  if (base == "postgresql" || base == "postgres") return "postgresql";
  return "";
}

std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect) {
  std::vector<std::string> problems = verifySumFile(dir);
  MigrationDir history = readMigrationDir(dir); // a malformed folder is an error (exit 2), not a finding
  const Dialect &d = dialectByName(dialect);
  const Schema models = loadModelSchema(modelsPath);
  PlanOptions opts;
  opts.allowDestructive = true;
  Plan p = makePlan(models, loadSnapshot(dir, d), d, opts);
  for (const auto &c : p.changes)
    problems.push_back(dir + ": the models have a change no migration makes: " + c.describe());
  if (!p.changes.empty()) {
    problems.push_back(dir + ": write it with tether migrate new NAME --dialect " + dialect + " --dir " +
                       dir);
  } else if (d.name() == "sqlite") {
    // The snapshot agrees; do the files? A hand edit that changed the schema shows here.
    auto scratch = openConnection("sqlite://");
    for (const auto &m : history.versions)
      scratch->apply(scriptSteps(m.upFile, m.upSql));
    for (const auto &c : diffSchemas(models, scratch->introspect(), d))
      problems.push_back(dir + ": replayed, the migrations differ from the models: " + c.describe());
  }
  return problems;
}

} // namespace tether
