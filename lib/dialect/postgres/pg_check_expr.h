#pragma once
#include <optional>
#include <string>

namespace tether::pg {

// A CHECK expression in a canonical form for comparison: parsed with libpg_query, locations
// dropped, casts of constants, columns and arrays removed (PostgreSQL adds them when it stores the
// expression: `(price > (0)::numeric)`), IN lists as `= ANY (ARRAY[…])`, BETWEEN as its two
// comparisons, LIKE as its operator. Parentheses leave no trace in a parse tree. nullopt when the
// text is not one expression.
std::optional<std::string> canonicalCheck(const std::string &expr);
// Same canonical form; text that does not parse compares as written, whitespace collapsed.
bool sameCheckExpression(const std::string &model, const std::string &db);
// The expression of pg_get_constraintdef()'s `CHECK ((price > 0)) NOT VALID`: `price > 0`.
std::string checkExpressionOf(const std::string &constraintDef);

} // namespace tether::pg
