#pragma once
#include "dialect/connection.h"
#include "dialect/dialect.h"
#include "drivers/url.h"
#include <memory>
#include <string>

namespace tether {

struct OpenOptions {
  bool readOnly = false;      // audits: SQLite opened read-only, PostgreSQL in READ ONLY transactions
  std::string schema;         // PostgreSQL schema (default: first of search_path)
  int statementTimeoutMs = 0; // 0: none
  // PostgreSQL DDL: how long one statement may wait for a table lock before it gives up (0: for
  // ever), and how often apply retries the whole transaction after such a timeout. A DDL statement
  // queued behind a long transaction blocks every later query on the table: better to fail fast.
  int lockTimeoutMs = 0;
  int lockRetries = 0;
  bool createIfMissing = true; // SQLite: apply may create the file
};

// The one table from URL scheme to dialect. Throws Error (exit 2) when the database cannot be
// reached; the message never contains the password.
std::unique_ptr<Connection> openConnection(const std::string &url, const OpenOptions &opts = {});
// False only for a SQLite file that does not exist yet (plan shows what apply would create).
bool databaseExists(const std::string &url);
// A dialect by name ("sqlite", "postgresql"), for work that needs no connection (migrate new).
const Dialect &dialectByName(const std::string &name);

} // namespace tether
