#pragma once
#include "dialect/dialect.h"
#include <string>
#include <vector>

namespace tether {

// One statement of a migration file, with the line it starts on (for error messages).
struct SqlStatement {
  std::string sql; // leading comments included, without the trailing ';'
  int line = 1;
  bool transactional = true; // false when followed by "-- (runs outside the transaction)"
};

// The statements of a migration script as the dialect splits it (Dialect::splitStatements: the
// same splitter the linter reads the file with). Comment-only pieces are dropped.
std::vector<SqlStatement> splitSqlScript(const std::string &script, const Dialect &d);

} // namespace tether
