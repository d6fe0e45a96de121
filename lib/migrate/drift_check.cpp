#include "migrate/drift_check.h"
#include "diff/differ.h"
#include "drivers/open.h"
#include "migrate/outside_transaction.h"
#include "migrate/snapshot.h"
#include "migrate/sql_split.h"

namespace tether {

std::vector<SqlStep> scriptSteps(const std::string &file, const std::string &sql, const Dialect &d) {
  std::vector<SqlStep> steps;
  for (const auto &s : splitSqlScript(sql, d)) {
    SqlStep step;
    step.sql = s.sql;
    step.description = file + ":" + std::to_string(s.line);
    step.transactional = s.transactional;
    steps.push_back(step);
  }
  return steps;
}

namespace {
Schema replayed(const std::string &scratchUrl, const MigrationDir &dir,
                const std::map<long, AppliedVersion> &applied) {
  auto scratch = openConnection(scratchUrl);
  for (const auto &m : dir.versions)
    if (applied.count(versionNumber(m.version))) replayVersion(*scratch, m);
  return scratch->introspect();
}
} // namespace

DriftReport checkDrift(Connection &db, const MigrationDir &dir,
                       const std::map<long, AppliedVersion> &applied) {
  DriftReport r;
  const Dialect &d = db.dialect();
  Schema expected;
  // Where the dialect has a throwaway in-process database, the applied versions replay on it;
  // elsewhere the snapshot of the last version is the expected state.
  if (!d.scratchUrl().empty()) {
    try {
      expected = replayed(d.scratchUrl(), dir, applied);
    } catch (const std::exception &e) {
      r.note = std::string("drift check skipped: the applied versions do not replay on an empty database: ") +
               e.what();
      return r;
    }
  } else if (!applied.empty()) {
    for (const auto &m : dir.versions)
      if (!applied.count(versionNumber(m.version))) {
        r.note = "drift check skipped: on PostgreSQL it needs every version applied (the snapshot is the "
                 "last state)";
        return r;
      }
    expected = loadSnapshot(dir.path, d);
  } // else nothing applied yet: the database should hold none of the tables the migrations make

  r.checked = true;
  for (const auto &c : diffSchemas(expected, db.introspect(), d))
    r.changes.push_back(c.describe());
  return r;
}

} // namespace tether
