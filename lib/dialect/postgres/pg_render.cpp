#include "dialect/postgres/pg_render.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"
#include "dialect/postgres/pg_render_sequence.h"
#include "dialect/postgres/pg_split.h"
#include <algorithm>

namespace tether::pg {

namespace {
// How long the transactional part of an online plan may wait for a lock before giving up,
// rather than queueing every other query on the table behind it.
constexpr const char *kOnlineLockTimeout = "5s";

void renderOne(const Change &ch, const RenderContext &ctx, StepSink &out) {
  switch (ch.kind) {
  case ChangeKind::CreateEnum: {
    std::vector<std::string> values;
    for (const auto &v : ch.enumDef.values)
      values.push_back(quoteLiteral(v));
    std::string list;
    for (size_t i = 0; i < values.size(); ++i)
      list += (i ? ", " : "") + values[i];
    out.add("CREATE TYPE " + quoteIdent(ch.enumDef.name) + " AS ENUM (" + list + ")");
    break;
  }
  case ChangeKind::AddEnumValue:
    renderAddEnumValue(ch, ctx, out);
    break;
  case ChangeKind::DropEnum:
    out.add("DROP TYPE " + quoteIdent(ch.enumDef.name));
    break;
  case ChangeKind::CreateTable:
    renderCreateTable(ch, ctx, out);
    break;
  case ChangeKind::DropTable:
    out.add("DROP TABLE " + quoteIdent(ch.table));
    break;
  case ChangeKind::RenameTable:
    out.add(alterTable(ch.oldName) + " RENAME TO " + quoteIdent(ch.table));
    break;
  case ChangeKind::AddColumn:
    out.add(alterTable(ch.table) + " ADD COLUMN " + columnDefinition(ch.column));
    if (!ch.column.comment.empty()) out.add(commentOnColumn(ch.table, ch.column));
    break;
  case ChangeKind::DropColumn:
    out.add(alterTable(ch.table) + " DROP COLUMN " + quoteIdent(ch.column.name));
    break;
  case ChangeKind::RenameColumn:
    out.add(alterTable(ch.table) + " RENAME COLUMN " + quoteIdent(ch.oldColumn.name) + " TO " +
            quoteIdent(ch.column.name));
    break;
  case ChangeKind::AlterColumn:
    renderAlterColumn(ch, out);
    break;
  case ChangeKind::AddPrimaryKey: {
    const Table *t = ctx.desired.table(ch.table);
    std::string name = t ? t->primaryKeyName : "";
    out.add(alterTable(ch.table) + " ADD " + (name.empty() ? "" : "CONSTRAINT " + quoteIdent(name) + " ") +
            "PRIMARY KEY (" + quoteIdentList(ch.primaryKey) + ")" +
            deferrabilityClause(ch.tableDef.primaryKeyDeferral));
    break;
  }
  case ChangeKind::AddForeignKey:
    renderAddForeignKey(ch, ctx, out);
    break;
  case ChangeKind::AddUnique:
    renderAddUnique(ch, ctx, out);
    break;
  case ChangeKind::AlterForeignKey:
    renderAlterForeignKey(ch, out);
    break;
  case ChangeKind::DropPrimaryKey:
  case ChangeKind::DropForeignKey:
  case ChangeKind::DropUnique:
    renderDropConstraint(ch, ctx, out);
    break;
  case ChangeKind::CreateIndex:
    renderCreateIndex(ch.table, ch.index, ctx.onlineFor(ch.table), out);
    break;
  case ChangeKind::DropIndex:
    renderDropIndex(ch, ctx, out);
    break;
  case ChangeKind::CreateUnmanaged:
    // A definition may hold more than one statement (a view and its COMMENT): each runs as its
    // own, as the server takes one statement at a time from a prepared call.
    for (const ScriptStatement &st : splitPostgresScript(ch.unmanaged.definition))
      out.add(ch.unmanaged.definition.substr(st.code, st.end - st.code));
    break;
  case ChangeKind::CreateSequence:
  case ChangeKind::AlterSequence:
  case ChangeKind::DropSequence:
    renderSequenceChange(ch, out);
    break;
  case ChangeKind::AddCheck:
    renderAddCheck(ch, ctx, out);
    break;
  case ChangeKind::DropCheck:
    renderDropCheck(ch, out);
    break;
  case ChangeKind::RenamePrimaryKey:
    out.add(alterTable(ch.table) + " RENAME CONSTRAINT " + quoteIdent(ch.oldName) + " TO " +
            quoteIdent(ch.tableDef.primaryKeyName));
    break;
  }
}
} // namespace

std::vector<SqlStep> renderChanges(const std::vector<Change> &changes, const Schema &current,
                                   const Schema &desired, const RenderOptions &opts) {
  std::vector<SqlStep> steps;
  RenderContext ctx{current, desired, opts};
  for (size_t i = 0; i < changes.size(); ++i) {
    StepSink sink{steps, static_cast<int>(i), changes[i].describe()};
    renderOne(changes[i], ctx, sink);
  }
  bool anyTransactional =
      std::any_of(steps.begin(), steps.end(), [](const SqlStep &s) { return s.transactional; });
  if (opts.online && anyTransactional) {
    SqlStep timeout{std::string("SET LOCAL lock_timeout = '") + kOnlineLockTimeout + "'",
                    "give up rather than queue behind long-running queries", -1, true};
    steps.insert(steps.begin(), timeout);
  }
  return steps;
}

} // namespace tether::pg
