#pragma once
#include "model/generated_value.h"
#include <map>
#include <string>
#include <string_view>

namespace tether::sqlite {

// The generated columns a stored CREATE TABLE declares (`c AS (expr)`, `c GENERATED ALWAYS AS
// (expr) STORED`), by column name: the pragmas say a column is generated (table_xinfo's hidden
// 2 or 3) but not what it computes. The expression is kept as written, without its parentheses.
std::map<std::string, ComputedColumn> generatedColumns(std::string_view createTableSql);

} // namespace tether::sqlite
