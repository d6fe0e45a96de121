// CREATE TABLE, column definitions and ALTER COLUMN.
#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_fragment.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"
#include "dialect/postgres/pg_types.h"
#include "dialect/postgres/postgres.h"

namespace tether::pg {

std::string alterTable(const std::string &table) {
  return "ALTER TABLE " + quoteIdent(table);
}

namespace {
std::string identityClause(const IdentityColumn &id) {
  std::string s = std::string(" GENERATED ") + (id.always ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
  std::string opts;
  if (id.start) opts += "START WITH " + std::to_string(*id.start);
  if (id.increment)
    opts += std::string(opts.empty() ? "" : " ") + "INCREMENT BY " + std::to_string(*id.increment);
  return opts.empty() ? s : s + " (" + opts + ")";
}
} // namespace

std::string columnDefinition(const Column &c) {
  std::string s = quoteIdent(c.name) + " " + columnType(c) + collateClause(c);
  if (c.identity.present) s += identityClause(c.identity);
  if (c.computed.present()) {
    if (c.computed.stored == false)
      throw Error("column " + c.name +
                      " is a virtual computed column; PostgreSQL stores every generated column",
                  c.loc, "drop stored: false (or set stored: true)");
    requireOneExpression(c.computed.sql, "the computed expression of " + c.name);
    s += " GENERATED ALWAYS AS (" + c.computed.sql + ") STORED";
  }
  if (!c.nullable) s += " NOT NULL";
  bool identity = c.autoincrement && c.type.isInteger();
  if (c.defaultValue.present() && !identity && !c.computed.present())
    s += " DEFAULT " + renderDefault(c.defaultValue);
  return s;
}

std::string foreignKeyClause(const ForeignKey &fk) {
  std::string s = "FOREIGN KEY (" + quoteIdentList(fk.columns) + ") REFERENCES " +
                  postgresDialect().quoteReference(fk) + " (" + quoteIdentList(fk.refColumns) + ")";
  if (fk.onDelete != FkAction::None) s += std::string(" ON DELETE ") + fkActionSql(fk.onDelete);
  if (!fk.onDeleteColumns.empty()) s += " (" + quoteIdentList(fk.onDeleteColumns) + ")";
  if (fk.onUpdate != FkAction::None) s += std::string(" ON UPDATE ") + fkActionSql(fk.onUpdate);
  return s + deferrabilityClause(fk.deferral);
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

void renderCreateTable(const step::CreateTable &ch, const RenderContext &, StepSink &out) {
  const Table &t = ch.tableDef;
  const std::string name = t.name.empty() ? ch.table : t.name;
  std::vector<std::string> items;
  for (const auto &c : t.columns)
    items.push_back(columnDefinition(c) + columnChecks(t, c.name));
  if (!t.primaryKey.empty())
    items.push_back(constraintPrefix(t.primaryKeyName) + "PRIMARY KEY (" + quoteIdentList(t.primaryKey) +
                    ")" + deferrabilityClause(t.primaryKeyDeferral));
  for (const auto &u : t.uniques)
    items.push_back(constraintPrefix(u.name) + "UNIQUE (" + quoteIdentList(u.columns) + ")" +
                    deferrabilityClause(u.deferral));
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

namespace {
// An identity added, dropped or re-optioned, or a computed column made plain (its values stay).
void renderGenerationChange(const step::AlterColumn &ch, const std::string &prefix, StepSink &out) {
  const Column &to = ch.column, &from = ch.oldColumn;
  if (from.computed.present() && !to.computed.present()) out.add(prefix + " DROP EXPRESSION");
  const IdentityColumn &want = to.identity, &have = from.identity;
  if (want == have) return;
  if (have.present && !want.present) {
    out.add(prefix + " DROP IDENTITY IF EXISTS"); // a serial, if the model wants one, follows
    return;
  }
  if (have.present) {
    if (want.always != have.always)
      out.add(prefix + " SET GENERATED " + (want.always ? "ALWAYS" : "BY DEFAULT"));
    if (want.start.value_or(1) != have.start.value_or(1))
      out.add(prefix + " SET START WITH " + std::to_string(want.start.value_or(1)));
    if (want.increment.value_or(1) != have.increment.value_or(1))
      out.add(prefix + " SET INCREMENT BY " + std::to_string(want.increment.value_or(1)));
    return;
  }
  // A serial (or plain) column becomes an identity: its nextval() default goes, and the identity's
  // sequence continues past the rows already there.
  if (from.autoincrement || from.defaultValue.present()) out.add(prefix + " DROP DEFAULT");
  if (from.nullable && !ch.nullabilityChanged) out.add(prefix + " SET NOT NULL"); // an identity is never NULL
  out.add(prefix + " ADD" + identityClause(want));
  // The identity's own sequence (deptype 'i'): a former serial's sequence is still owned by the column,
  // and pg_get_serial_sequence() may name that one.
  const std::string identitySequence =
      "(SELECT d.objid::regclass FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_attribute a ON a.attrelid = "
      "d.refobjid AND a.attnum = d.refobjsubid WHERE d.refobjid = " +
      quoteLiteral(quoteIdent(ch.table)) + "::regclass AND a.attname = " + quoteLiteral(to.name) +
      " AND d.deptype = 'i' AND d.classid = 'pg_catalog.pg_class'::regclass)";
  out.add("SELECT pg_catalog.setval(" + identitySequence + ", GREATEST(COALESCE(MAX(" + quoteIdent(to.name) +
          ") + " + std::to_string(want.increment.value_or(1)) + ", " +
          std::to_string(want.start.value_or(1)) + "), " + std::to_string(want.start.value_or(1)) +
          "), false) FROM " + quoteIdent(ch.table));
}
} // namespace

void renderAlterColumn(const step::AlterColumn &ch, StepSink &out) {
  const Column &to = ch.column, &from = ch.oldColumn;
  const std::string prefix = alterTable(ch.table) + " ALTER COLUMN " + quoteIdent(to.name);
  if (ch.recomputed) {
    // PostgreSQL 15 cannot change what a column computes: the column is made again.
    out.add(alterTable(ch.table) + " DROP COLUMN " + quoteIdent(from.name));
    out.add(alterTable(ch.table) + " ADD COLUMN " + columnDefinition(to));
    if (!to.comment.empty()) out.add(commentOnColumn(ch.table, to));
    return;
  }
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
                         (to.type.isNativeEnum() || from.type.isNativeEnum() ? "::text" : "") + "::" + type;
    out.add(prefix + " TYPE " + type + collateClause(to) + " USING " + using_);
  }
  if (ch.nullabilityChanged) out.add(prefix + (to.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
  if (ch.generationChanged) renderGenerationChange(ch, prefix, out);
  if (setDefault) out.add(prefix + " SET DEFAULT " + renderDefault(to.defaultValue));
  // Serial: autoincrement by a nextval() default; an identity is the other kind (above).
  bool toSerial = toIdentity && !to.identity.present, fromSerial = fromIdentity && !from.identity.present;
  if (toSerial && !fromSerial) {
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
