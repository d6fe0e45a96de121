#pragma once
#include "model/schema.h"
#include <string>
#include <string_view>

namespace tether::sqlite {

// `(col, (expr) DESC, …)` of CREATE INDEX. Throws Error (Unsupported) for what SQLite cannot
// build (an access method, INCLUDE, an operator class, NULLS FIRST/LAST, NULLS NOT DISTINCT):
// an index is never built as something else than the model says.
std::string indexElementsSql(const Index &ix);

// Reads the element list and WHERE clause of a stored CREATE INDEX text into `ix` (columns,
// expressions, DESC). False when the text holds what the model cannot say (a COLLATE): the
// index is then kept unmanaged.
bool readIndexSql(std::string_view createIndexSql, Index &ix);

} // namespace tether::sqlite
