#include "migrate/check_migrations.h"
#include "drivers/open.h"
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
  readMigrationDir(dir); // a malformed folder is an error (exit 2), not a finding
  const Dialect &d = dialectByName(dialect);
  PlanOptions opts;
  opts.allowDestructive = true;
  Plan p = makePlan(loadModelSchema(modelsPath), loadSnapshot(dir, d), d, opts);
  for (const auto &c : p.changes)
    problems.push_back(dir + ": the models have a change no migration makes: " + c.describe());
  if (!p.changes.empty())
    problems.push_back(dir + ": write it with tether migrate new NAME --dialect " + dialect + " --dir " + dir);
  return problems;
}

} // namespace tether
