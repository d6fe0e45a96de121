#pragma once
#include "lint/operation.h"
#include <string>
#include <vector>

namespace tether::lint {

// Splits a PostgreSQL migration into statements and reads each with libpg_query, PostgreSQL's
// own parser. A statement that does not parse comes back with syntaxError set and the position
// the parser reported.
std::vector<Statement> readPostgresStatements(const std::string &sql);

} // namespace tether::lint
