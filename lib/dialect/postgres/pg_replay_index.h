#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "model/schema.h"
#include <set>
#include <string>

namespace tether::pg::replay {

// The options of a CREATE INDEX (libpg_query's IndexStmt) as introspection reads them back from
// the catalog: element texts and keys, method, predicate, INCLUDE, NULLS NOT DISTINCT. The SQL
// texts are the statement's own (compared through canonicalCheck, as the differ does). Returns
// false when the index holds what the model cannot say (a collation, storage parameters,
// operator class options): it is then kept unmanaged, as introspection keeps it. Refuses an
// operator class it cannot tell default from not.
bool readIndexOptions(const Json &stmt, const std::string &statement, Index &ix);

// The columns an index reads through its expressions and predicate (not its plain elements), so
// a dropped column takes the index along and a renamed one is refused (the replay cannot rewrite
// the text PostgreSQL rewrites in its stored tree).
std::set<std::string> indexExpressionColumns(const Index &ix);

// A column renamed under an index: its elements, INCLUDE, expressions and predicate follow, as the
// trees PostgreSQL stores do. Refuses when the texts cannot be rewritten exactly.
void renameIndexColumn(Index &ix, const std::string &from, const std::string &to);

} // namespace tether::pg::replay
