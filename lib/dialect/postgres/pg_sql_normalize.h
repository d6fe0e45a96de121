#pragma once
#include <string>

namespace tether::pg {

// An index expression or predicate in a form that ignores how it is spelled: parsed as
// `SELECT <expr>` by libpg_query, source positions dropped, and what PostgreSQL adds when it prints
// an expression back (parentheses, casts of literals, `(email)::text` for a varchar column,
// `= ANY (ARRAY[…])` for `IN (…)`) folded away. "" when the text does not parse.
std::string canonicalSql(const std::string &expr);

} // namespace tether::pg
