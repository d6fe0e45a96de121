#include "dialect/sqlite/sqlite_dialect.h"
#include "dialect/sqlite/sqlite_defaults.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_render.h"
#include "dialect/sqlite/sqlite_split.h"
#include "dialect/sqlite/sqlite_types.h"

namespace tether::sqlite {

std::vector<ScriptStatement> SqliteDialect::splitStatements(std::string_view script) const {
  return sqlite::splitScript(script);
}
std::string SqliteDialect::quoteIdent(const std::string &ident) const {
  return sqlite::quoteIdent(ident);
}
std::string SqliteDialect::quoteLiteral(const std::string &value) const {
  return sqlite::quoteLiteral(value);
}
std::string SqliteDialect::renderType(const Column &c) const {
  return sqlite::renderType(c);
}
bool SqliteDialect::sameType(const Column &model, const Column &db) const {
  return sqlite::sameType(model, db);
}
bool SqliteDialect::sameDefault(const Column &model, const Column &db) const {
  return sqlite::sameDefault(model.defaultValue, db.defaultValue);
}
bool SqliteDialect::sameComputed(const Column &model, const Column &db) const {
  if (model.computed.present() != db.computed.present()) return false;
  if (!model.computed.present()) return true;
  // Unset is SQLite's own choice, VIRTUAL, as SQLAlchemy's Computed() leaves it.
  return model.computed.stored.value_or(false) == db.computed.stored.value_or(false) &&
         sameSqlExpression(model.computed.sql, db.computed.sql);
}
std::vector<SqlStep> SqliteDialect::render(const std::vector<Change> &changes, const Schema &current,
                                           const Schema &, const RenderOptions &) const {
  return sqlite::render(changes, current);
}
ColumnType SqliteDialect::modelTypeOf(const Column &db) const {
  return sqlite::modelTypeOf(db.dbType);
}

} // namespace tether::sqlite
