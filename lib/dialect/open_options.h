#pragma once
#include <string>

namespace tether {

// How a connection is opened; read by the drivers table and by each dialect's connection.
struct OpenOptions {
  bool readOnly = false;       // audits: SQLite opened read-only, PostgreSQL in READ ONLY transactions
  std::string schema;          // PostgreSQL schema (default: first of search_path)
  int statementTimeoutMs = 0;  // 0: none
  bool createIfMissing = true; // SQLite: apply may create the file
};

} // namespace tether
