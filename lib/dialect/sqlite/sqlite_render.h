#pragma once
#include "dialect/dialect.h"

namespace tether::sqlite {

// Renders ordered changes for SQLite. What ALTER TABLE can do (add, rename and drop columns,
// rename tables) it does; every other change to an existing table (keys, uniques, foreign keys,
// type, nullability and default changes) goes through SQLite's documented table rebuild, one
// rebuild per table however many changes it carries. The steps assume PRAGMA foreign_keys is
// off, which Connection::apply guarantees; the rebuild's foreign-key check is a SELECT that must
// return no rows.
std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current);

} // namespace tether::sqlite
