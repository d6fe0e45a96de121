#pragma once
#include <string>

namespace tether::pg {

// Are two SQL expressions the same once PostgreSQL's re-printing is set aside? The catalog prints
// what it stores (`((price * (quantity)::numeric))`, `lower((email)::text)`, `'x'::text`), a model
// says what its author wrote; both are parsed with libpg_query and compared as trees, without
// positions, parentheses, or the casts the server adds to constants and column references.
// Text that does not parse compares by its characters.
bool sameExpression(const std::string &a, const std::string &b);

// The tree the comparison uses, for tests and for callers that compare one side many times;
// "" when the expression does not parse.
std::string expressionKey(const std::string &expr);

} // namespace tether::pg
