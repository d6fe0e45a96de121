#include "migrate/baseline.h"
#include "core/error.h"
#include "core/strings.h"
#include "diff/differ.h"
#include "drivers/open.h"
#include "migrate/migration_lock.h"
#include "migrate/replay.h"
#include "migrate/revision_table.h"
#include "migrate/sum_file.h"
#include <ostream>

namespace tether {

BaselineOutcome baselineMigrations(const MigrateOptions &opts, const std::string &version,
                                   std::ostream &log) {
  requireMigrationDir(opts.dir);
  MigrationDir dir = readMigrationDir(opts.dir);
  auto problems = verifySumFile(opts.dir);
  if (!problems.empty())
    throw Error("the migration directory does not match its sum file:\n  " + join(problems, "\n  "),
                SourceLoc{opts.dir + "/" + kSumFile, 0, 0},
                "restore the files, or if the edit was intended re-sign with tether migrate hash --dir " +
                    opts.dir);
  const long upTo = versionNumber(version);
  const MigrationFile *target = nullptr;
  for (const auto &m : dir.versions)
    if (versionNumber(m.version) == upTo) target = &m;
  if (!target) {
    std::vector<std::string> known;
    for (const auto &m : dir.versions)
      known.push_back(m.version);
    throw Error("version " + version + " is not in " + dir.path, {},
                didYouMean(version, known, "tether migrate status lists the versions"));
  }

  OpenOptions o;
  o.schema = opts.schema;
  auto db = openConnection(opts.url, o);
  MigrationLock lock(opts.url, opts.lockTimeoutSeconds);
  ensureRevisionTable(*db);
  auto applied = readAppliedVersions(*db);
  for (const auto &m : dir.versions) {
    auto it = applied.find(versionNumber(m.version));
    if (it != applied.end() && !it->second.checksum.empty() && it->second.checksum != m.checksum &&
        !it->second.dirty)
      throw Error("migration " + dir.path + "/" + m.upFile + " was changed after it was applied",
                  SourceLoc{dir.path + "/" + m.upFile, 0, 0},
                  "an applied migration must not change: restore it and put the change in a new version");
  }

  const Dialect &d = db->dialect();
  Schema expected = replaySchema(dir, upTo, d, opts.url);
  BaselineOutcome out;
  for (const auto &c : diffSchemas(expected, db->introspect(), d))
    out.differences.push_back(c.describe());
  if (!out.differences.empty()) return out;

  std::vector<SqlStep> steps;
  for (const auto &m : dir.versions) {
    long num = versionNumber(m.version);
    if (num > upTo) {
      if (applied.count(num))
        log << "note: version " << applied.at(num).version << " above " << version
            << " is recorded as applied; baseline leaves it\n";
      continue;
    }
    auto it = applied.find(num);
    if (it != applied.end() && !it->second.dirty) continue;
    MigrationFile stored = m;
    if (it != applied.end()) stored.version = it->second.version; // "1" stays "1"
    steps.push_back({baselineStatement(d, stored, it != applied.end()),
                     "record " + m.version + "_" + m.name + " as applied", -1, true});
    out.recorded.push_back(m.version + "_" + m.name);
  }
  if (!steps.empty()) db->apply(steps);
  return out;
}

} // namespace tether
