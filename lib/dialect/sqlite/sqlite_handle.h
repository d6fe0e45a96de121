#pragma once
#include "dialect/connection.h"
#include <sqlite3.h>
#include <string>
#include <vector>

namespace tether::sqlite {

// Runs one statement (with `?` parameters bound as text) and returns every row, NULL as nullopt.
// Throws Error with SQLite's message and the statement.
std::vector<Row> runQuery(sqlite3 *db, const std::string &sql, const std::vector<std::string> &params = {});
// Runs a statement that may be several; throws Error with SQLite's message and the statement.
void runStatement(sqlite3 *db, const std::string &sql);

} // namespace tether::sqlite

namespace tether::sqlite {
// Runs every statement of `sql` in turn and returns the rows they produce, all together.
std::vector<Row> runScript(sqlite3 *db, const std::string &sql);
// Exactly one statement (trailing whitespace and comments allowed): what apply runs for each
// plan step, so no text spliced into a step can add a statement of its own.
std::vector<Row> runOneStatement(sqlite3 *db, const std::string &sql);
} // namespace tether::sqlite
