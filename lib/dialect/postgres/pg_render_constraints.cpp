// Keys, unique constraints, indexes and enum values, with their lock-safe online forms.
#include "core/strings.h"
#include "dialect/postgres/pg_index_sql.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"
#include <algorithm>

namespace tether::pg {

namespace {
std::string indexName(const std::string &table, const Index &ix) {
  if (!ix.name.empty()) return ix.name;
  return "ix_" + table + "_" + join(ix.columns, "_");
}

const ForeignKey *liveForeignKey(const RenderContext &ctx, const std::string &table, const ForeignKey &fk) {
  const Table *t = ctx.current.table(table);
  if (!t) return nullptr;
  for (const auto &f : t->foreignKeys)
    if (f.columns == fk.columns && f.refTable == fk.refTable && f.refColumns == fk.refColumns) return &f;
  return nullptr;
}

const UniqueConstraint *liveUnique(const RenderContext &ctx, const std::string &table,
                                   const UniqueConstraint &u) {
  const Table *t = ctx.current.table(table);
  if (!t) return nullptr;
  for (const auto &x : t->uniques)
    if (x.columns == u.columns) return &x;
  for (const auto &x : t->uniques)
    if (sameColumnSet(x.columns, u.columns)) return &x;
  return nullptr;
}

// A statement made safe to run twice: it runs only while the table lacks the named constraint.
// Its own short lock_timeout, because it takes an ACCESS EXCLUSIVE lock.
std::string unlessConstraintExists(const std::string &table, const std::string &constraint,
                                   const std::string &statement) {
  std::string tag = "$tether$";
  while (statement.find(tag) != std::string::npos)
    tag.insert(tag.size() - 1, "_");
  return "DO " + tag +
         "\nBEGIN\n  PERFORM set_config('lock_timeout', '5s', true);\n"
         "  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = " +
         quoteLiteral(quoteIdent(table)) + "::regclass AND conname = " + quoteLiteral(constraint) +
         ") THEN\n    " + statement + ";\n  END IF;\nEND\n" + tag;
}
} // namespace

void renderCreateIndex(const std::string &table, const Index &ix, bool online, StepSink &out) {
  std::string sql = std::string("CREATE ") + (ix.unique ? "UNIQUE " : "") + "INDEX " +
                    (online ? "CONCURRENTLY IF NOT EXISTS " : "") + quoteIdent(indexName(table, ix)) +
                    " ON " + quoteIdent(table);
  sql += " " + indexDefinitionSql(ix);
  out.add(sql, !online);
}

void renderDropIndex(const step::DropIndex &ch, const RenderContext &ctx, StepSink &out) {
  std::string name = ch.index.name;
  if (name.empty()) {
    const Table *t = ctx.current.table(ch.table);
    if (t)
      for (const auto &ix : t->indexes)
        if (ix.columns == ch.index.columns && ix.unique == ch.index.unique) name = ix.name;
  }
  if (name.empty()) name = indexName(ch.table, ch.index);
  if (ctx.onlineFor(ch.table))
    out.add("DROP INDEX CONCURRENTLY IF EXISTS " + quoteIdent(name), false);
  else
    out.add("DROP INDEX " + quoteIdent(name));
}

void renderAddForeignKey(const step::AddForeignKey &ch, const RenderContext &ctx, StepSink &out) {
  ForeignKey fk = ch.fk;
  bool online = ctx.onlineFor(ch.table) && !fk.notValid;
  // Online, the constraint needs a name to validate later: the very name the server would pick.
  if (online && fk.name.empty()) fk.name = defaultConstraintName(ch.table, fk.columns, "fkey");
  std::string sql = alterTable(ch.table) + " ADD " +
                    (fk.name.empty() ? "" : "CONSTRAINT " + quoteIdent(fk.name) + " ") + foreignKeyClause(fk);
  if (online || fk.notValid) sql += " NOT VALID";
  out.add(sql);
  // VALIDATE scans the rows under a lock that lets reads and writes continue; validating a valid
  // constraint again is a no-op, so the step can be re-run.
  if (online) out.add(alterTable(ch.table) + " VALIDATE CONSTRAINT " + quoteIdent(fk.name), false);
}

void renderAddUnique(const step::AddUnique &ch, const RenderContext &ctx, StepSink &out) {
  const UniqueConstraint &u = ch.unique;
  if (!ctx.onlineFor(ch.table)) {
    out.add(alterTable(ch.table) + " ADD " +
            (u.name.empty() ? "" : "CONSTRAINT " + quoteIdent(u.name) + " ") + "UNIQUE (" +
            quoteIdentList(u.columns) + ")" + deferrabilityClause(u.deferral));
    return;
  }
  std::string name = u.name.empty() ? defaultConstraintName(ch.table, u.columns, "key") : u.name;
  out.add("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + quoteIdent(name) + " ON " +
              quoteIdent(ch.table) + " (" + quoteIdentList(u.columns) + ")",
          false);
  out.add(unlessConstraintExists(ch.table, name,
                                 alterTable(ch.table) + " ADD CONSTRAINT " + quoteIdent(name) +
                                     " UNIQUE USING INDEX " + quoteIdent(name) +
                                     deferrabilityClause(u.deferral)),
          false);
}

// Only when the key is checked changes: no lock beyond the catalog's, no rows checked again.
void renderAlterForeignKey(const step::AlterForeignKey &ch, StepSink &out) {
  out.add(alterTable(ch.table) + " ALTER CONSTRAINT " + quoteIdent(ch.fk.name) + " " +
          deferrabilityAlterClause(ch.fk.deferral));
}

void renderDropPrimaryKey(const step::DropPrimaryKey &ch, const RenderContext &ctx, StepSink &out) {
  const Table *t = ctx.current.table(ch.table);
  const std::string name =
      t && !t->primaryKeyName.empty() ? t->primaryKeyName : defaultConstraintName(ch.table, {}, "pkey");
  out.add(alterTable(ch.table) + " DROP CONSTRAINT " + quoteIdent(name));
}

void renderDropForeignKey(const step::DropForeignKey &ch, const RenderContext &ctx, StepSink &out) {
  std::string name = ch.fk.name;
  if (name.empty()) {
    const ForeignKey *live = liveForeignKey(ctx, ch.table, ch.fk);
    name = live && !live->name.empty() ? live->name : defaultConstraintName(ch.table, ch.fk.columns, "fkey");
  }
  out.add(alterTable(ch.table) + " DROP CONSTRAINT " + quoteIdent(name));
}

void renderDropUnique(const step::DropUnique &ch, const RenderContext &ctx, StepSink &out) {
  std::string name = ch.unique.name;
  if (name.empty()) {
    const UniqueConstraint *live = liveUnique(ctx, ch.table, ch.unique);
    name =
        live && !live->name.empty() ? live->name : defaultConstraintName(ch.table, ch.unique.columns, "key");
  }
  out.add(alterTable(ch.table) + " DROP CONSTRAINT " + quoteIdent(name));
}

void renderAddEnumValue(const step::AddEnumValue &ch, const RenderContext &ctx, StepSink &out) {
  std::string sql =
      "ALTER TYPE " + quoteIdent(ch.enumDef.name) + " ADD VALUE IF NOT EXISTS " + quoteLiteral(ch.enumValue);
  // Keep the model's order: place the value next to a neighbour that already exists.
  const EnumTypeDef *want = nullptr;
  for (const auto &e : ctx.desired.enums)
    if (e.name == ch.enumDef.name) want = &e;
  const EnumTypeDef *have = nullptr;
  for (const auto &e : ctx.current.enums)
    if (e.name == ch.enumDef.name) have = &e;
  if (want && have) {
    auto exists = [&](const std::string &v) {
      return std::find(have->values.begin(), have->values.end(), v) != have->values.end();
    };
    auto at = std::find(want->values.begin(), want->values.end(), ch.enumValue);
    if (at != want->values.end()) {
      if (at != want->values.begin() && exists(*(at - 1)))
        sql += " AFTER " + quoteLiteral(*(at - 1));
      else if (at + 1 != want->values.end() && exists(*(at + 1)))
        sql += " BEFORE " + quoteLiteral(*(at + 1));
    }
  }
  out.add(sql);
}

} // namespace tether::pg
