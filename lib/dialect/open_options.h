#pragma once
#include <string>

namespace tether {

// How a connection is opened; read by the drivers table and by each dialect's connection.
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

} // namespace tether
