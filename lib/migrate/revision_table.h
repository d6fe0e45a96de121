#pragma once
#include "dialect/connection.h"
#include "migrate/migration_dir.h"
#include <map>
#include <string>
#include <vector>

namespace tether {

// A row of tether_migrations.
struct AppliedVersion {
  std::string version, name, checksum, appliedAt;
  long long durationMs = 0;
  // A version run outside a transaction (-- tether:no-transaction) is dirty from its first
  // statement until its last has run; a failure leaves it dirty with how far it got.
  bool dirty = false;
  long long statementsRun = 0, statementsTotal = 0;
  std::string error; // the failing statement's file:line and the database's message
};

constexpr const char *kRevisionTable = "tether_migrations";

// Creates tether_migrations when missing and adds the columns an older layout lacks.
void ensureRevisionTable(Connection &db);
// Applied versions keyed by their number, so "1" and "0001" are the same version. Empty when
// the table does not exist.
std::map<long, AppliedVersion> readAppliedVersions(Connection &db);
bool revisionTableExists(Connection &db);
long versionNumber(const std::string &version);

// The bookkeeping statements that go into a migration's own transaction: the first records the
// version (so a concurrent run fails on its primary key instead of applying twice), the last
// stamps the duration.
std::vector<std::string> recordStatements(const Dialect &d, const MigrationFile &m);
std::string forgetStatement(const Dialect &d, const std::string &storedVersion);

// Bookkeeping of a version run statement by statement, each committed on its own.
std::string recordDirtyStatement(const Dialect &d, const MigrationFile &m, size_t total);
std::string progressStatement(const Dialect &d, const std::string &storedVersion, size_t ran, size_t total);
std::string failedStatement(const Dialect &d, const std::string &storedVersion, size_t ran,
                            const std::string &error);
std::string cleanStatement(const Dialect &d, const std::string &storedVersion);
// Records a version as applied without running it (migrate baseline); clears a dirty record.
std::string baselineStatement(const Dialect &d, const MigrationFile &m, bool alreadyRecorded);

} // namespace tether
