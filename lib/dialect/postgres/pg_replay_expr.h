#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include "model/schema.h"
#include <set>
#include <string>

namespace tether::pg::replay {

// A column's type from a TypeName node, as introspection would read it back: dbType in
// format_type()'s spelling, the model type from it, a native enum by name. Returns the serial
// kind ("serial", "bigserial", "smallserial") when the type is one, else "".
std::string readColumnType(const Json &typeName, const ReplayState &s, Column &c);
// The format_type() spelling of a type, for function signatures.
std::string formatType(const Json &typeName, const ReplayState &s);
// A DEFAULT expression as pg_get_expr() prints it and parseDefault() reads it back. Refuses an
// expression whose printed form PostgreSQL would normalise in a way the replay cannot reproduce.
ColumnDefault readDefault(const Json &expr, const Column &c, const ReplayState &s);

// An integer constant, read back from the source text: libpg_query's JSON drops negative values.
long long intConst(const Json &aconst, const ReplayState &s);
// Every column an expression names (the last field of each ColumnRef).
void columnRefs(const Json &tree, std::set<std::string> &out);
// Every relation of the replayed schema a query reads.
void relationRefs(const Json &tree, std::set<std::string> &out);
// Every function an expression or statement calls, by bare name.
void functionCalls(const Json &tree, std::set<std::string> &out);
// The parenthesised text starting at the first '(' at or after `from`, quotes respected.
std::string parenthesized(const std::string &text, size_t from);

} // namespace tether::pg::replay
