#pragma once
#include "dialect/connection.h"
#include "migrate/migration_dir.h"
#include "migrate/revision_table.h"
#include <map>
#include <string>
#include <vector>

namespace tether {

// A migration file's statements as steps for Connection::apply, each described by file:line.
std::vector<SqlStep> scriptSteps(const std::string &file, const std::string &sql, const Dialect &d);

struct DriftReport {
  bool checked = false;             // false when the expected schema cannot be known
  std::string note;                 // why it was not checked
  std::vector<std::string> changes; // what differs, live vs. expected; empty when in sync
};

// Compares the live schema with what the applied versions produce. SQLite: their up files
// replayed on an in-memory database. PostgreSQL: the directory's snapshot when every version is
// applied, an empty schema when none is (otherwise not checked).
DriftReport checkDrift(Connection &db, const MigrationDir &dir,
                       const std::map<long, AppliedVersion> &applied);

} // namespace tether
