#pragma once
#include "model/schema.h"
#include <string>
#include <string_view>
#include <vector>

namespace tether::sqlite {

// The CHECK constraints of a stored CREATE TABLE text, expressions verbatim: on a column (its
// `column` set) or on the table, named by `CONSTRAINT name` or not (SQLite keeps no name of its
// own).
std::vector<CheckConstraint> checksOf(std::string_view createTableSql);
// How many CHECK keywords the text holds: a rebuild may only drop the table when every one of
// them was read.
size_t checkKeywords(std::string_view createTableSql);
// Equal token by token: whitespace and comments aside, names case-insensitive and quoted or not,
// parentheses around the whole expression aside.
bool sameCheckExpression(const std::string &a, const std::string &b);
// The table's checks as CREATE TABLE clauses.
std::string checkClause(const CheckConstraint &c);

} // namespace tether::sqlite
