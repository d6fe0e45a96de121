#include "dialect/postgres/pg_index_sql.h"
#include "dialect/postgres/pg_quote.h"

namespace tether::pg {

namespace {
std::string elementSql(const Index &ix, size_t i) {
  const IndexKey k = indexKeyAt(ix, i);
  // An expression in parentheses is always an index element, whatever its shape; PostgreSQL
  // drops them again where a function call needs none, so nothing shows as drift.
  std::string s = k.expression ? "(" + ix.columns[i] + ")" : quoteIdent(ix.columns[i]);
  if (!k.opclass.empty()) s += " " + k.opclass;
  if (k.order == "desc") s += " DESC";
  if (!k.nulls.empty()) s += k.nulls == "first" ? " NULLS FIRST" : " NULLS LAST";
  return s;
}
} // namespace

std::string indexDefinitionSql(const Index &ix) {
  std::string sql;
  if (indexMethod(ix) != "btree") sql += "USING " + ix.method + " ";
  sql += "(";
  for (size_t i = 0; i < ix.columns.size(); ++i)
    sql += (i ? ", " : "") + elementSql(ix, i);
  sql += ")";
  if (!ix.include.empty()) sql += " INCLUDE (" + quoteIdentList(ix.include) + ")";
  if (ix.nullsNotDistinct) sql += " NULLS NOT DISTINCT";
  if (!ix.predicate.empty()) sql += " WHERE " + ix.predicate;
  return sql;
}

} // namespace tether::pg
