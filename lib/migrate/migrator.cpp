#include "migrate/migrator.h"
#include "core/error.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "migrate/data_warnings.h"
#include "migrate/drift_check.h"
#include "migrate/migration_dir.h"
#include "migrate/migration_lock.h"
#include "migrate/outside_transaction.h"
#include "migrate/revision_table.h"
#include "migrate/sql_split.h"
#include "migrate/sum_file.h"
#include "migrate/transaction_marker.h"
#include "json/json_text.h"
#include <algorithm>
#include <ostream>

namespace tether {

namespace {

MigrationDir verifiedDir(const std::string &path) {
  requireMigrationDir(path);
  MigrationDir dir = readMigrationDir(path);
  auto problems = verifySumFile(path);
  if (!problems.empty())
    throw Error("the migration directory does not match its sum file:\n  " + join(problems, "\n  "),
                SourceLoc{path + "/" + kSumFile, 0, 0},
                "restore the files, or if the edit was intended re-sign with tether migrate hash --dir " +
                    path);
  return dir;
}

std::unique_ptr<Connection> openFor(const MigrateOptions &opts) {
  OpenOptions o;
  o.schema = opts.schema;
  o.lockTimeoutMs = static_cast<int>(opts.ddlLockTimeoutSeconds * 1000);
  return openConnection(opts.url, o);
}

long targetVersion(const MigrationDir &dir, const std::string &to) {
  if (to.empty()) return -1;
  long n = versionNumber(to);
  if (n == 0) return 0; // before the first version: down --to 0 reverts everything
  if (n < 0 ||
      (!dir.find(to) && std::none_of(dir.versions.begin(), dir.versions.end(),
                                     [&](const MigrationFile &m) { return versionNumber(m.version) == n; })))
    throw Error("--to " + to + ": no such version in " + dir.path, {},
                "tether migrate status lists the versions");
  return n;
}

void refuseModified(const MigrationDir &dir, const std::map<long, AppliedVersion> &applied) {
  for (const auto &m : dir.versions) {
    auto it = applied.find(versionNumber(m.version));
    if (it == applied.end() || it->second.checksum.empty()) continue;
    if (it->second.checksum != m.checksum)
      throw Error("migration " + dir.path + "/" + m.upFile +
                      " was changed after it was applied (recorded checksum " +
                      it->second.checksum.substr(0, 12) + "…, file " + m.checksum.substr(0, 12) + "…)",
                  SourceLoc{dir.path + "/" + m.upFile, 0, 0},
                  "an applied migration must not change: restore it and put the change in a new version");
  }
}

// The SQLite message says "at step N of M"; point at the file's line for that step.
std::string failedAt(const std::vector<SqlStep> &steps, const std::string &message, size_t offset) {
  auto at = message.find("at step ");
  if (at == std::string::npos) return "";
  size_t n = static_cast<size_t>(std::atol(message.c_str() + at + 8));
  if (n <= offset || n - 1 >= steps.size()) return "";
  return steps[n - 1].description;
}

std::string versionLabel(const MigrationFile &m) {
  return m.version + "_" + m.name;
}

// A dirty version means the database is somewhere between two versions: running more on top of
// it would build on a state no file describes.
void refuseDirty(const MigrationDir &dir, const std::map<long, AppliedVersion> &applied) {
  for (const auto &[num, a] : applied) {
    if (!a.dirty) continue;
    std::string label = a.version + (a.name.empty() ? "" : "_" + a.name);
    throw Error(
        "version " + label + " is dirty in " + kRevisionTable + ": it ran outside a transaction and " +
            (a.error.empty() ? "did not finish (interrupted?)" : "failed") + " after " +
            std::to_string(a.statementsRun) + " of " + std::to_string(a.statementsTotal) + " statement(s)" +
            (a.error.empty() ? "" : " (" + a.error + ")") + "; nothing more runs until it is resolved",
        SourceLoc{dir.path, 0, 0},
        "tether migrate status shows which statements ran; finish or undo the rest by hand, then "
        "tether migrate baseline " +
            a.version + " (records it as applied once the schema matches) or delete its row from " +
            kRevisionTable);
  }
}

} // namespace

MigrateOutcome applyMigrations(const MigrateOptions &opts, std::ostream &log) {
  MigrationDir dir = verifiedDir(opts.dir);
  const long to = targetVersion(dir, opts.to);
  MigrateOutcome out;
  const Dialect &dialect = dialectForUrl(opts.url);
  // Before anything runs: a COMMIT in a wrapped file would commit half a version.
  for (const auto &m : dir.versions)
    if (to < 0 || versionNumber(m.version) <= to)
      refuseTransactionControl(dir.path + "/" + m.upFile, m.upSql, dialect);
  if (opts.dryRun && !databaseExists(opts.url)) {
    // A SQLite file not created yet: everything is pending, and a dry run must not create it.
    for (const auto &m : dir.versions) {
      if (to >= 0 && versionNumber(m.version) > to) continue;
      log << "-- would apply " << versionLabel(m) << "\n";
      for (const auto &s : scriptSteps(m.upFile, m.upSql, dialect))
        log << s.sql << ";\n";
      out.done.push_back(versionLabel(m));
    }
    return out;
  }
  auto db = openFor(opts);
  std::unique_ptr<MigrationLock> lock;
  if (!opts.dryRun) {
    lock = std::make_unique<MigrationLock>(opts.url, opts.lockTimeoutSeconds);
    ensureRevisionTable(*db);
  }
  auto applied = readAppliedVersions(*db);
  refuseModified(dir, applied);
  refuseDirty(dir, applied);
  for (const auto &[num, a] : applied)
    if (!std::any_of(dir.versions.begin(), dir.versions.end(),
                     [&, n = num](const MigrationFile &m) { return versionNumber(m.version) == n; }))
      log << "warning: version " << a.version << " (" << a.name << ") is applied but has no file in "
          << dir.path << "\n";
  if (!opts.allowDrift) {
    DriftReport drift = checkDrift(*db, dir, applied);
    if (!drift.note.empty()) log << drift.note << "\n";
    if (!drift.changes.empty())
      throw Error(
          "the database " + db->displayName() +
              " differs from what its applied migrations produce (changed by hand?); to match them it "
              "would need:\n  " +
              join(drift.changes, "\n  "),
          {},
          "put the change in a migration, or undo it by hand; --allow-drift applies anyway. tether never "
          "drops or resets a database to recover");
  }
  const Dialect &d = db->dialect();
  const long lastApplied = applied.empty() ? -1 : applied.rbegin()->first;
  for (const auto &m : dir.versions) {
    long num = versionNumber(m.version);
    if (applied.count(num) || (to >= 0 && num > to)) continue;
    if (num < lastApplied)
      log << "note: " << versionLabel(m) << " is older than applied version "
          << applied.rbegin()->second.version << " (merged from another branch?); applying it now\n";
    auto body = scriptSteps(m.upFile, m.upSql, d);
    const bool outside = hasNoTransactionMarker(m.upSql);
    if (opts.dryRun) {
      log << "-- would apply " << versionLabel(m) << (outside ? " (outside a transaction, one by one)" : "")
          << "\n";
      for (const auto &w : liveDataWarnings(*db, dir.path + "/" + m.upFile, m.upSql))
        log << "-- warning: " << w << "\n";
      for (const auto &s : body)
        log << s.sql << ";\n";
      out.done.push_back(versionLabel(m));
      continue;
    }
    if (outside) {
      try {
        applyOutsideTransaction(*db, dir, m);
      } catch (const Error &e) {
        // Our own record failed to go in: a concurrent run got there first.
        auto now = readAppliedVersions(*db);
        if (now.count(num) && !now.at(num).dirty && !applied.count(num)) {
          log << versionLabel(m) << ": already applied by a concurrent run\n";
          out.skipped.push_back(versionLabel(m));
          continue;
        }
        throw;
      }
      log << "applied " << versionLabel(m) << " (outside a transaction)\n";
      out.done.push_back(versionLabel(m));
      continue;
    }
    auto record = recordStatements(d, m);
    std::vector<SqlStep> steps;
    steps.push_back({record[0], "record " + versionLabel(m) + " in tether_migrations", -1, true});
    steps.insert(steps.end(), body.begin(), body.end());
    steps.push_back({record[1], "stamp the duration of " + versionLabel(m), -1, true});
    try {
      db->apply(steps);
    } catch (const Error &e) {
      // A run that got past the lock some other way (an older tether, a manual insert) may have
      // applied it meanwhile: its record then blocks ours, and there is nothing left to do.
      if (readAppliedVersions(*db).count(num)) {
        log << versionLabel(m) << ": already applied by a concurrent run\n";
        out.skipped.push_back(versionLabel(m));
        continue;
      }
      std::string where = failedAt(steps, e.what(), 1);
      throw Error("migration " + dir.path + "/" + m.upFile + (where.empty() ? "" : " (at " + where + ")") +
                      " failed and was rolled back; versions before it stay applied:\n" + e.what(),
                  SourceLoc{dir.path + "/" + m.upFile, 0, 0},
                  "fix the migration (then tether migrate hash) and run again");
    }
    log << "applied " << versionLabel(m) << "\n";
    out.done.push_back(versionLabel(m));
  }
  return out;
}

MigrateOutcome revertMigrations(const MigrateOptions &opts, std::ostream &log) {
  MigrationDir dir = verifiedDir(opts.dir);
  const long to = targetVersion(dir, opts.to);
  auto db = openFor(opts);
  MigrationLock lock(opts.url, opts.lockTimeoutSeconds);
  MigrateOutcome out;
  if (!revisionTableExists(*db)) {
    log << "nothing to revert: " << db->displayName() << " has no " << kRevisionTable << "\n";
    return out;
  }
  ensureRevisionTable(*db);
  auto applied = readAppliedVersions(*db);
  refuseModified(dir, applied);
  refuseDirty(dir, applied);
  const Dialect &d = db->dialect();
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    long num = it->first;
    if (to >= 0 ? num <= to : it != applied.rbegin()) break;
    for (const auto &f : dir.versions)
      if (versionNumber(f.version) == num)
        refuseTransactionControl(dir.path + "/" + f.downFile, f.downSql, d);
  }
  for (auto it = applied.rbegin(); it != applied.rend(); ++it) {
    long num = it->first;
    if (to >= 0 ? num <= to : !out.done.empty()) break;
    const MigrationFile *m = nullptr;
    for (const auto &f : dir.versions)
      if (versionNumber(f.version) == num) m = &f;
    if (!m)
      throw Error("version " + it->second.version + " (" + it->second.name +
                      ") is applied but its files are not in " + dir.path + "; cannot revert it",
                  {}, "restore its .down.sql from version control");
    if (opts.dryRun) {
      log << "-- would revert " << versionLabel(*m) << "\n" << m->downSql << "\n";
      out.done.push_back(versionLabel(*m));
      continue;
    }
    if (hasNoTransactionMarker(m->downSql)) {
      revertOutsideTransaction(*db, dir, *m, it->second);
      log << "reverted " << versionLabel(*m) << " (outside a transaction)\n";
      out.done.push_back(versionLabel(*m));
      continue;
    }
    auto steps = scriptSteps(m->downFile, m->downSql, d);
    steps.push_back({forgetStatement(d, it->second.version),
                     "remove " + versionLabel(*m) + " from tether_migrations", -1, true});
    try {
      db->apply(steps);
    } catch (const Error &e) {
      std::string where = failedAt(steps, e.what(), 0);
      throw Error("reverting " + dir.path + "/" + m->downFile + (where.empty() ? "" : " (at " + where + ")") +
                      " failed and was rolled back:\n" + e.what(),
                  SourceLoc{dir.path + "/" + m->downFile, 0, 0},
                  "fix the down migration (then tether migrate hash)");
    }
    log << "reverted " << versionLabel(*m) << "\n";
    out.done.push_back(versionLabel(*m));
  }
  if (out.done.empty()) log << "nothing to revert\n";
  return out;
}

std::vector<VersionState> migrationStatus(const MigrateOptions &opts) {
  requireMigrationDir(opts.dir);
  MigrationDir dir = readMigrationDir(opts.dir);
  std::map<long, AppliedVersion> applied;
  if (databaseExists(opts.url)) { // status never creates a SQLite file
    auto db = openFor(opts);
    applied = readAppliedVersions(*db);
  }
  std::vector<VersionState> out;
  for (const auto &m : dir.versions) {
    auto it = applied.find(versionNumber(m.version));
    VersionState s;
    s.version = m.version;
    s.name = m.name;
    s.state = "pending";
    if (it != applied.end()) {
      s.state = !it->second.checksum.empty() && it->second.checksum != m.checksum ? "modified" : "applied";
      s.appliedAt = it->second.appliedAt;
      s.durationMs = it->second.durationMs;
      if (it->second.dirty) {
        const AppliedVersion &a = it->second;
        s.state = "dirty";
        s.statementsRun = a.statementsRun;
        s.statementsTotal = a.statementsTotal;
        s.error = a.error;
        // Which file ran depends on the direction that failed; the error says, else it was up.
        const bool down = a.error.rfind("down", 0) == 0;
        auto stmts = splitSqlScript(down ? m.downSql : m.upSql, dialectForUrl(opts.url));
        for (size_t k = 0; k < stmts.size() && static_cast<long long>(k) < a.statementsRun; ++k)
          s.ran.push_back(dir.path + "/" + (down ? m.downFile : m.upFile) + ":" +
                          std::to_string(codeLine(stmts[k].sql, stmts[k].line)));
      }
    }
    out.push_back(s);
  }
  for (const auto &[num, a] : applied)
    if (!std::any_of(dir.versions.begin(), dir.versions.end(),
                     [&, n = num](const MigrationFile &m) { return versionNumber(m.version) == n; })) {
      VersionState s;
      s.version = a.version;
      s.name = a.name;
      s.state = "missing";
      s.appliedAt = a.appliedAt;
      s.durationMs = a.durationMs;
      out.push_back(s);
    }
  std::stable_sort(out.begin(), out.end(), [](const VersionState &a, const VersionState &b) {
    return versionNumber(a.version) < versionNumber(b.version);
  });
  return out;
}

std::string statusText(const std::vector<VersionState> &states) {
  std::string out;
  size_t counts[5] = {};
  for (const auto &s : states) {
    out +=
        s.version + "  " + s.state + std::string(s.state.size() < 9 ? 9 - s.state.size() : 1, ' ') + s.name;
    if (s.state == "dirty") {
      out += "  (" + std::to_string(s.statementsRun) + " of " + std::to_string(s.statementsTotal) +
             " statement(s) ran outside a transaction" +
             (s.error.empty() ? "; interrupted" : "; " + s.error) + ")\n";
      for (const auto &r : s.ran)
        out += "      ran " + r + "\n";
      counts[4]++;
      continue;
    }
    if (!s.appliedAt.empty())
      out += "  (applied " + s.appliedAt + ", " + std::to_string(s.durationMs) + " ms)";
    out += "\n";
    counts[s.state == "applied" ? 0 : s.state == "pending" ? 1 : s.state == "modified" ? 2 : 3]++;
  }
  out += std::to_string(counts[0]) + " applied, " + std::to_string(counts[1]) + " pending, " +
         std::to_string(counts[2]) + " modified after apply, " + std::to_string(counts[3]) + " missing" +
         (counts[4] ? ", " + std::to_string(counts[4]) + " dirty" : "") + "\n";
  return out;
}

// One migration a line, the summary on the closing line.
std::string statusJson(const std::vector<VersionState> &states) {
  std::string out = "{\"migrations\": [";
  for (size_t i = 0; i < states.size(); ++i) {
    const auto &s = states[i];
    Json item = {{"version", s.version},
                 {"name", s.name},
                 {"state", s.state},
                 {"applied_at", s.appliedAt.empty() ? Json() : Json(s.appliedAt)},
                 {"duration_ms", s.durationMs}};
    if (s.state == "dirty") {
      item["statements_run"] = s.statementsRun;
      item["statements_total"] = s.statementsTotal;
      item["error"] = s.error.empty() ? Json() : Json(s.error);
      item["ran"] = s.ran;
    }
    out += std::string(i ? "," : "") + "\n  " + jsonLine(item);
  }
  Json summary = Json::object();
  const char *names[] = {"applied", "pending", "modified", "missing", "dirty"};
  for (int k = 0; k < 5; ++k) {
    size_t n = std::count_if(states.begin(), states.end(),
                             [&](const VersionState &s) { return s.state == names[k]; });
    if (k == 4 && n == 0) break; // "dirty" only when there is one, as the text summary does
    summary[names[k]] = n;
  }
  return out + "\n], \"summary\": " + jsonLine(summary) + "}\n";
}

} // namespace tether
