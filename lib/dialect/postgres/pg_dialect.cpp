#include "dialect/postgres/pg_dialect.h"
#include "core/error.h"
#include "dialect/postgres/pg_ddl_replay.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render.h"
#include "dialect/postgres/pg_split.h"
#include "dialect/postgres/pg_types.h"

namespace tether::pg {

std::vector<ScriptStatement> PostgresDialect::splitStatements(std::string_view script) const {
  return splitPostgresScript(script);
}
std::string PostgresDialect::quoteIdent(const std::string &ident) const {
  return pg::quoteIdent(ident);
}
std::string PostgresDialect::quoteLiteral(const std::string &value) const {
  return pg::quoteLiteral(value);
}
std::string PostgresDialect::renderType(const Column &c) const {
  return columnType(c);
}

bool PostgresDialect::sameType(const Column &model, const Column &db) const {
  if (db.dbType.empty()) return model.type == db.type;
  if (model.type.isNativeEnum()) {
    if (db.type.kind == TypeKind::Enum) return db.type.enumName == model.type.enumName;
    return db.dbType == model.type.enumName;
  }
  try {
    return canonicalType(baseType(model.type)) == canonicalType(db.dbType);
  } catch (const Error &) {
    return false; // a custom type with no PostgreSQL spelling matches nothing
  }
}

bool PostgresDialect::sameDefault(const Column &model, const Column &db) const {
  bool modelIdentity = model.autoincrement && model.type.isInteger();
  // A serial's nextval() is how the database spells autoincrement, not a default of its own.
  // A column drawing from a named, free-standing sequence is no serial.
  if (modelIdentity && !db.sequence.present() && db.defaultValue.kind == ColumnDefault::Kind::Sql &&
      isSequenceDefault(db.defaultValue.value))
    return !model.defaultValue.present();
  return pg::sameDefault(model.defaultValue, db.defaultValue);
}

bool PostgresDialect::sameComputed(const Column &model, const Column &db) const {
  if (model.computed.present() != db.computed.present()) return false;
  if (!model.computed.present()) return true;
  // PostgreSQL 15 stores every generated column; a model that leaves `stored` unset means that.
  return model.computed.stored.value_or(true) == db.computed.stored.value_or(true) &&
         sameSqlExpression(model.computed.sql, db.computed.sql);
}

std::vector<SqlStep> PostgresDialect::render(const std::vector<Change> &changes, const Schema &current,
                                             const Schema &desired, const RenderOptions &opts) const {
  return renderChanges(changes, current, desired, opts);
}

ColumnType PostgresDialect::modelTypeOf(const Column &db) const {
  if (db.type.kind == TypeKind::Enum && !db.type.enumName.empty()) return db.type;
  if (db.dbType.empty()) return db.type;
  return pg::modelTypeOf(db.dbType);
}

Schema PostgresDialect::replayOffline(const std::vector<ReplayFile> &files) const {
  return replayDdl(files);
}

} // namespace tether::pg
