#include "dialect/sqlite/sqlite_table_sql.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_checks.h"
#include "dialect/sqlite/sqlite_constraint_options.h"
#include "dialect/sqlite/sqlite_defaults.h"
#include "dialect/sqlite/sqlite_index_sql.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_types.h"

namespace tether::sqlite {

namespace {
std::string constraintName(const std::string &name) {
  return name.empty() ? "" : "CONSTRAINT " + quoteIdent(name) + " ";
}
} // namespace

std::string columnDefinition(const Column &c) {
  // An introspected column keeps its declared type word for word through a rebuild.
  std::string type = c.dbType.empty() ? renderType(c) : c.dbType;
  std::string s = quoteIdent(c.name) + (type.empty() ? "" : " " + type);
  if (c.computed.present()) {
    s += " GENERATED ALWAYS AS (" + c.computed.sql + ")";
    if (c.computed.stored) s += *c.computed.stored ? " STORED" : " VIRTUAL";
  }
  if (!c.collation.empty())
    s += " COLLATE " +
         (isBuiltinCollation(c.collation) ? collationName(c.collation) : quoteIdent(c.collation));
  if (!c.nullable) s += " NOT NULL";
  std::string def = renderDefault(c.defaultValue);
  if (!def.empty()) s += " DEFAULT " + def;
  return s;
}

std::string foreignKeyClause(const ForeignKey &fk) {
  if (!fk.refSchema.empty())
    throw Error("foreign key (" + join(fk.columns, ", ") + ") references " + fk.refTable +
                    ": SQLite has no schemas to reference a table in",
                fk.loc, "run `tether check --dialect sqlite` for the details", ErrorKind::Unsupported);
  if (!fk.onDeleteColumns.empty())
    throw Error("foreign key (" + join(fk.columns, ", ") + ") has ON DELETE " + deleteActionText(fk) +
                    ": SQLite takes no column list there",
                fk.loc, "run `tether check --dialect sqlite` for the details", ErrorKind::Unsupported);
  std::string s = constraintName(fk.name) + "FOREIGN KEY " + quoteList(fk.columns) + " REFERENCES " +
                  quoteIdent(fk.refTable) + " " + quoteList(fk.refColumns);
  if (fk.onDelete != FkAction::None) s += std::string(" ON DELETE ") + fkActionSql(fk.onDelete);
  if (fk.onUpdate != FkAction::None) s += std::string(" ON UPDATE ") + fkActionSql(fk.onUpdate);
  return s + deferrabilityClause(fk.deferral);
}

std::string createTableSql(const Table &t, const std::string &name) {
  std::vector<std::string> items;
  for (const auto &c : t.columns) {
    items.push_back(columnDefinition(c));
    for (const auto &k : t.checks)
      if (k.column == c.name) items.back() += " " + checkClause(k);
  }
  if (!t.primaryKey.empty()) {
    if (t.primaryKeyDeferral.present())
      throw Error("the primary key (" + join(t.primaryKey, ", ") + ") of " + t.name +
                      " is deferrable; SQLite checks PRIMARY KEY at each statement",
                  t.loc, "run `tether check --dialect sqlite` for the details", ErrorKind::Unsupported);
    items.push_back(constraintName(t.primaryKeyName) + "PRIMARY KEY " + quoteList(t.primaryKey));
  }
  for (const auto &u : t.uniques) {
    if (u.deferral.present())
      throw Error("unique constraint (" + join(u.columns, ", ") + ") of " + t.name +
                      " is deferrable; SQLite checks UNIQUE at each statement",
                  u.loc, "run `tether check --dialect sqlite` for the details", ErrorKind::Unsupported);
    items.push_back(constraintName(u.name) + "UNIQUE " + quoteList(u.columns));
  }
  for (const auto &fk : t.foreignKeys)
    items.push_back(foreignKeyClause(fk));
  for (const auto &k : t.checks)
    if (k.column.empty() || !t.column(k.column)) items.push_back(checkClause(k));
  std::string s = "CREATE TABLE " + quoteIdent(name) + " (\n";
  for (size_t i = 0; i < items.size(); ++i)
    s += "  " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  return s + ")";
}

std::string createIndexSql(const std::string &table, const Index &i) {
  std::string s = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " + quoteIdent(i.name) +
                  " ON " + quoteIdent(table) + " " + indexElementsSql(i);
  if (!i.predicate.empty()) s += " WHERE " + i.predicate;
  return s;
}

} // namespace tether::sqlite
