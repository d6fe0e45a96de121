#pragma once
#include <string>

namespace tether::pg {

// A model carries SQL fragments (a `default: {sql: …}`, a `type: {postgresql: …}` spelling) that
// tether splices into its DDL. A model is reviewed like code but must never make tether run more
// than the DDL it declares: each fragment must parse, with libpg_query, as exactly one expression
// or one type. Throws Error (exit 2) naming the fragment otherwise.
void requireOneExpression(const std::string &expr, const std::string &what);
void requireOneType(const std::string &type, const std::string &what);

} // namespace tether::pg
