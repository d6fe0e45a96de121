// How PostgreSQL compares and accepts the options of an index.
#include "dialect/postgres/pg_check_expr.h"
#include "dialect/postgres/pg_dialect.h"

namespace tether::pg {

bool PostgresDialect::sameSqlExpression(const std::string &model, const std::string &db) const {
  return sameCheckExpression(model, db); // one comparison for every expression: pg_check_expr.h
}

std::vector<std::string> PostgresDialect::unsupportedIndexOptions(const Index &ix) const {
  std::vector<std::string> out;
  if (ix.nullsNotDistinct && !ix.unique) out.push_back("nulls_not_distinct on an index that is not unique");
  if (!ix.include.empty() && indexMethod(ix) != "btree" && indexMethod(ix) != "gist" &&
      indexMethod(ix) != "spgist")
    out.push_back("include: with using: " + ix.method + " (INCLUDE needs btree, gist or spgist)");
  if (ix.unique && indexMethod(ix) != "btree") out.push_back("a unique index using " + ix.method);
  return out;
}

} // namespace tether::pg
