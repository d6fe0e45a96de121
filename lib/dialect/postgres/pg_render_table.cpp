// CREATE TABLE, column definitions and ALTER COLUMN.
#include "core/strings.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"
#include "dialect/postgres/pg_types.h"

namespace tether::pg {

std::string alterTable(const std::string &table) {
  return "ALTER TABLE " + quoteIdent(table);
}

std::string columnDefinition(const Column &c) {
  std::string s = quoteIdent(c.name) + " " + columnType(c);
  if (!c.nullable) s += " NOT NULL";
  bool identity = c.autoincrement && c.type.isInteger();
  if (c.defaultValue.present() && !identity) s += " DEFAULT " + renderDefault(c.defaultValue);
  return s;
}

std::string foreignKeyClause(const ForeignKey &fk) {
  std::string s = "FOREIGN KEY (" + quoteIdentList(fk.columns) + ") REFERENCES " + quoteIdent(fk.refTable) +
                  " (" + quoteIdentList(fk.refColumns) + ")";
  if (fk.onDelete != FkAction::None) s += std::string(" ON DELETE ") + fkActionSql(fk.onDelete);
  if (fk.onUpdate != FkAction::None) s += std::string(" ON UPDATE ") + fkActionSql(fk.onUpdate);
  return s;
}

std::string commentOnColumn(const std::string &table, const Column &c) {
  return "COMMENT ON COLUMN " + quoteIdent(table) + "." + quoteIdent(c.name) + " IS " +
         (c.comment.empty() ? std::string("NULL") : quoteLiteral(c.comment));
}

namespace {
std::string constraintPrefix(const std::string &name) {
  return name.empty() ? "" : "CONSTRAINT " + quoteIdent(name) + " ";
}
} // namespace

void renderCreateTable(const Change &ch, const RenderContext &, StepSink &out) {
  const Table &t = ch.tableDef;
  const std::string name = t.name.empty() ? ch.table : t.name;
  std::vector<std::string> items;
  for (const auto &c : t.columns)
    items.push_back(columnDefinition(c) + columnChecks(t, c.name));
  if (!t.primaryKey.empty())
    items.push_back(constraintPrefix(t.primaryKeyName) + "PRIMARY KEY (" + quoteIdentList(t.primaryKey) +
                    ")");
  for (const auto &u : t.uniques)
    items.push_back(constraintPrefix(u.name) + "UNIQUE (" + quoteIdentList(u.columns) + ")");
  for (const auto &fk : t.foreignKeys) {
    std::string clause = constraintPrefix(fk.name) + foreignKeyClause(fk);
    if (fk.notValid) clause += " NOT VALID";
    items.push_back(clause);
  }
  for (const auto &c : t.checks)
    if (c.column.empty() || !t.column(c.column)) items.push_back(checkClause(c));
  std::string sql = "CREATE TABLE " + quoteIdent(name) + " (\n";
  for (size_t i = 0; i < items.size(); ++i)
    sql += "    " + items[i] + (i + 1 < items.size() ? ",\n" : "\n");
  sql += ")";
  if (!t.partitionBy.empty()) sql += " PARTITION BY " + t.partitionBy;
  out.add(sql);
  if (!t.comment.empty()) out.add("COMMENT ON TABLE " + quoteIdent(name) + " IS " + quoteLiteral(t.comment));
  for (const auto &c : t.columns)
    if (!c.comment.empty()) out.add(commentOnColumn(name, c));
  // Indexes are not rendered here: each comes as its own CreateIndex change (diff/change.h).
}

void renderAlterColumn(const Change &ch, StepSink &out) {
  const Column &to = ch.column, &from = ch.oldColumn;
  const std::string prefix = alterTable(ch.table) + " ALTER COLUMN " + quoteIdent(to.name);
  bool toIdentity = to.autoincrement && to.type.isInteger();
  bool fromIdentity = from.autoincrement;
  bool setDefault = ch.defaultChanged && to.defaultValue.present() && !toIdentity;
  bool dropDefault = ch.defaultChanged && !to.defaultValue.present() && !fromIdentity;
  // The old default may not cast to the new type: take it off first and put the wanted one back after.
  if (ch.typeChanged && from.defaultValue.present() && !dropDefault) {
    out.add(prefix + " DROP DEFAULT");
    if (!ch.defaultChanged && to.defaultValue.present() && !toIdentity) setDefault = true;
  }
  if (dropDefault) out.add(prefix + " DROP DEFAULT");
  if (fromIdentity && !toIdentity) {
    // Either kind of autoincrement: an identity, or a serial's nextval() default.
    out.add(prefix + " DROP IDENTITY IF EXISTS");
    out.add(prefix + " DROP DEFAULT");
  }
  if (ch.typeChanged) {
    std::string type = baseType(to.type);
    // Text is the one type everything casts to and an enum casts from.
    std::string using_ = quoteIdent(to.name) +
                         (isNativeEnum(to.type) || isNativeEnum(from.type) ? "::text" : "") + "::" + type;
    out.add(prefix + " TYPE " + type + " USING " + using_);
  }
  if (ch.nullabilityChanged) out.add(prefix + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  if (setDefault) out.add(prefix + " SET DEFAULT " + renderDefault(to.defaultValue));
  if (toIdentity && !fromIdentity) {
    // What serial would have made: an owned sequence, started past the rows already there.
    std::string seq = quoteIdent(defaultConstraintName(ch.table, {to.name}, "seq"));
    out.add("CREATE SEQUENCE IF NOT EXISTS " + seq + " OWNED BY " + quoteIdent(ch.table) + "." +
            quoteIdent(to.name));
    out.add("SELECT pg_catalog.setval(" + quoteLiteral(seq) + ", COALESCE(MAX(" + quoteIdent(to.name) +
            "), 0) + 1, false) FROM " + quoteIdent(ch.table));
    out.add(prefix + " SET DEFAULT nextval(" + quoteLiteral(seq) + "::regclass)");
    if (to.nullable) out.add(prefix + " SET NOT NULL"); // serial columns are never NULL
  }
  if (to.comment != from.comment) out.add(commentOnColumn(ch.table, to));
}

} // namespace tether::pg
