// What SQLite can build of an index, and how it compares index SQL.
#include "dialect/sqlite/sqlite_checks.h"
#include "dialect/sqlite/sqlite_dialect.h"

namespace tether::sqlite {

bool SqliteDialect::sameSqlExpression(const std::string &model, const std::string &db) const {
  return sameCheckExpression(model, db); // one comparison for every expression: sqlite_checks.h
}

std::vector<std::string> SqliteDialect::unsupportedIndexOptions(const Index &ix) const {
  std::vector<std::string> out;
  if (indexMethod(ix) != "btree")
    out.push_back("using: " + ix.method + " (SQLite builds only b-tree indexes)");
  if (!ix.include.empty()) out.push_back("include: (SQLite has no INCLUDE columns)");
  if (ix.nullsNotDistinct) out.push_back("nulls_not_distinct (SQLite has no NULLS NOT DISTINCT)");
  for (size_t i = 0; i < ix.columns.size(); ++i) {
    IndexKey k = indexKeyAt(ix, i);
    if (!k.opclass.empty()) out.push_back("opclass: " + k.opclass + " (SQLite has no operator classes)");
    if (!k.nulls.empty()) out.push_back("nulls: " + k.nulls + " (SQLite indexes cannot order NULLs)");
  }
  return out;
}

std::string SqliteDialect::unsupportedForeignKey(const ForeignKey &fk) const {
  if (!fk.onDeleteColumns.empty())
    return "ON DELETE " + deleteActionText(fk) + " (SQLite sets every column of the key, it takes no list)";
  return fk.refSchema.empty() ? "" : "a reference into schema " + fk.refSchema + " (SQLite has no schemas)";
}

} // namespace tether::sqlite
