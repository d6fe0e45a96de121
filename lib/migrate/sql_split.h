#pragma once
#include <string>
#include <vector>

namespace tether {

// One statement of a migration file, with the line it starts on (for error messages).
struct SqlStatement {
  std::string sql; // without the trailing ';'
  int line = 1;
  bool transactional = true; // false when followed by "-- (runs outside the transaction)"
};

// Splits a SQL script on top-level ';'. Knows quoted strings and identifiers, -- and /* */
// comments, PostgreSQL dollar quotes and BEGIN … END bodies (SQLite triggers, BEGIN ATOMIC), so a
// ';' inside any of them does not split. Comment-only pieces are dropped.
std::vector<SqlStatement> splitSqlScript(const std::string &script);

} // namespace tether
