#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace tether {

struct MigrateOptions {
  std::string url;
  std::string dir;
  std::string to; // apply: up to and including; down: down to, exclusive ("" = all / last one)
  bool dryRun = false;
  double lockTimeoutSeconds = 60;
  bool allowDrift = false;
  std::string schema;               // PostgreSQL schema ("" = first of the search path)
  double ddlLockTimeoutSeconds = 5; // PostgreSQL lock_timeout for the migration's statements (0: none)
};

struct MigrateOutcome {
  std::vector<std::string> done;    // "0002_user_profiles" applied (or reverted), in order
  std::vector<std::string> skipped; // found already applied by a concurrent run
};

// Applies pending versions in order, each with its record in tether_migrations in one
// transaction, under the migration lock. Refuses (Error, exit 2) a directory that does not
// match its sum file, an applied version whose file changed, and drift unless allowed. A failing
// version is rolled back and reported (Error naming file, statement and the database's message);
// the versions before it stay applied. Progress lines go to `log`.
MigrateOutcome applyMigrations(const MigrateOptions &opts, std::ostream &log);
// Reverts the last applied version, or every one above `to`, newest first, each in one
// transaction with the removal of its record.
MigrateOutcome revertMigrations(const MigrateOptions &opts, std::ostream &log);

struct VersionState {
  std::string version, name;
  std::string state; // "applied", "pending", "modified", "missing", "dirty"
  std::string appliedAt;
  long long durationMs = 0;
  // dirty: how far a version run outside a transaction got, and file:line of the statements that ran
  long long statementsRun = 0, statementsTotal = 0;
  std::string error;
  std::vector<std::string> ran;
};
std::vector<VersionState> migrationStatus(const MigrateOptions &opts);
std::string statusText(const std::vector<VersionState> &states);
std::string statusJson(const std::vector<VersionState> &states);

} // namespace tether
