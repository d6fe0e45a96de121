// How SQLite judges a model's collation and table options against what it can build.
#include "core/strings.h"
#include "dialect/sqlite/sqlite_constraint_options.h"
#include "dialect/sqlite/sqlite_dialect.h"

namespace tether::sqlite {

// SQLite's collation names are case-insensitive (COLLATE nocase is NOCASE).
bool SqliteDialect::sameCollation(const Column &model, const Column &db) const {
  return iequals(model.collation, db.collation);
}

std::vector<std::pair<SourceLoc, std::string>> SqliteDialect::unsupportedTableOptions(const Table &t) const {
  return sqlite::unsupportedTableOptions(t);
}

} // namespace tether::sqlite
