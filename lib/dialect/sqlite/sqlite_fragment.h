#pragma once
#include <string>

namespace tether::sqlite {

// The SQLite side of the rule in dialect/postgres/pg_fragment.h: a model's SQL fragment must be
// one expression or one type. SQLite's own parser decides (sqlite3_prepare on an in-memory
// database, which compiles but runs nothing), and the statement around the fragment must be
// the only one: nothing may be left in prepare's tail.
void requireOneExpression(const std::string &expr, const std::string &what);
void requireOneType(const std::string &type, const std::string &what);

} // namespace tether::sqlite
