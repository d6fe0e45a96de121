#pragma once
#include "lint/operation.h"
#include <string>
#include <vector>

namespace tether::lint {

// Splits a SQLite migration into statements with SQLite's tokenizer rules and reads the ones that
// matter to the rules (tables, columns, indexes, renames, PRAGMA foreign_keys/foreign_key_check).
// SQLite's own parser (an in-memory database, nothing run) judges the syntax.
std::vector<Statement> readSqliteStatements(const std::string &sql);

} // namespace tether::lint
