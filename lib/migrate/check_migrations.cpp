#include "migrate/check_migrations.h"
#include "diff/differ.h"
#include "drivers/open.h"
#include "migrate/drift_check.h"
#include "migrate/migration_dir.h"
#include "migrate/new_migration.h"
#include "migrate/replay.h"
#include "migrate/sha256.h"
#include "migrate/snapshot.h"
#include "migrate/sum_file.h"
#include "plan/plan.h"
#include <filesystem>
#include <nlohmann/json.hpp>

namespace tether {

std::string dialectOfDir(const std::string &dir) {
  if (std::string recorded = readSumMeta(dir).dialect; !recorded.empty()) return recorded;
  std::filesystem::path p(dir);
  std::string base = p.filename().string();
  if (base.empty()) base = p.parent_path().filename().string();
  return dialectNamed(base);
}

namespace {
// The @snapshot lines of the sum file say which schema each version reached when migrate new wrote
// it. A version deleted (or renumbered) and the folder re-signed leaves the snapshot describing a
// schema the remaining files no longer build, which the models-vs-snapshot comparison cannot see.
std::vector<std::string> snapshotChainProblems(const MigrationDir &history) {
  std::vector<std::string> problems;
  const SumMeta meta = readSumMeta(history.path);
  for (const auto &m : history.versions) {
    auto it = meta.versions.find(m.version);
    if (it != meta.versions.end() && !it->second.name.empty() && it->second.name != m.name)
      problems.push_back(history.path + "/" + m.upFile + ": version " + m.version + " was " + m.version +
                         "_" + it->second.name +
                         " when tether migrate new wrote it (versions renumbered or "
                         "reordered?)");
  }
  if (history.versions.empty()) return problems;
  const MigrationFile &last = history.versions.back();
  auto it = meta.versions.find(last.version);
  const std::string snapshot = history.path + "/" + kSnapshotFile;
  std::error_code ec;
  if (it == meta.versions.end() || !std::filesystem::exists(snapshot, ec)) return problems;
  if (it->second.snapshotSha != sha256Hex(readTextFile(snapshot)))
    problems.push_back(snapshot + ": not the schema the last version, " + last.version + "_" + last.name +
                       ", reached when it was written (a later version deleted and the folder re-signed?); "
                       "restore the deleted version, or restore " +
                       kSnapshotFile +
                       " from that version's commit and write the change again with tether migrate new");
  return problems;
}
} // namespace

MigrationCheck checkMigrationFolder(const std::string &modelsPath, const std::string &dir,
                                    const std::string &dialect, const std::string &devDb) {
  requireMigrationDir(dir);
  MigrationCheck check;
  check.dir = dir;
  check.dialect = dialect;
  std::vector<std::string> &problems = check.problems;
  problems = verifySumFile(dir);
  MigrationDir history = readMigrationDir(dir); // a malformed folder is an error (exit 2), not a finding
  for (const auto &p : snapshotChainProblems(history))
    problems.push_back(p);
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
  } else if (replayModeFor(d, devDb) != ReplayMode::None) {
    // The snapshot agrees; do the files? A hand edit that changed the schema, or a version deleted
    // and the folder re-signed, shows here.
    check.replay = replayModeFor(d, devDb);
    for (const auto &c : diffSchemas(models, replaySchema(history, -1, d, devDb), d))
      problems.push_back(dir + ": replayed, the migrations differ from the models: " + c.describe());
  }
  return check;
}

std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect, const std::string &devDb) {
  return checkMigrationFolder(modelsPath, dir, dialect, devDb).problems;
}

std::string migrationCheckText(const std::vector<MigrationCheck> &checks) {
  std::string out;
  for (const auto &c : checks) {
    for (const auto &p : c.problems)
      out += p + "\n";
    std::string how = c.replay == ReplayMode::None ? "" : " (" + describeReplayMode(c.replay) + ")";
    if (c.problems.empty())
      out += c.dir + ": ok" + how + "\n";
    else if (!how.empty())
      out += c.dir + ": " + describeReplayMode(c.replay) + "\n";
  }
  return out;
}

std::string migrationCheckJson(const std::vector<MigrationCheck> &checks) {
  nlohmann::ordered_json folders = nlohmann::ordered_json::array();
  for (const auto &c : checks)
    folders.push_back({{"dir", c.dir},
                       {"dialect", c.dialect},
                       {"replay", replayModeName(c.replay)},
                       {"ok", c.problems.empty()},
                       {"problems", c.problems}});
  return nlohmann::ordered_json{{"folders", folders}}.dump(2) + "\n";
}

} // namespace tether
