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

// One overload per step kind.
void render(const step::CreateEnum &ch, const RenderContext &, StepSink &out) {
  std::vector<std::string> values;
  for (const auto &v : ch.enumDef.values)
    values.push_back(quoteLiteral(v));
  std::string list;
  for (size_t i = 0; i < values.size(); ++i)
    list += (i ? ", " : "") + values[i];
  out.add("CREATE TYPE " + quoteIdent(ch.enumDef.name) + " AS ENUM (" + list + ")");
}
void render(const step::AddEnumValue &ch, const RenderContext &ctx, StepSink &out) {
  renderAddEnumValue(ch, ctx, out);
}
void render(const step::DropEnum &ch, const RenderContext &, StepSink &out) {
  out.add("DROP TYPE " + quoteIdent(ch.enumDef.name));
}
void render(const step::CreateTable &ch, const RenderContext &ctx, StepSink &out) {
  renderCreateTable(ch, ctx, out);
}
void render(const step::DropTable &ch, const RenderContext &, StepSink &out) {
  out.add("DROP TABLE " + quoteIdent(ch.table));
}
void render(const step::RenameTable &ch, const RenderContext &, StepSink &out) {
  out.add(alterTable(ch.oldName) + " RENAME TO " + quoteIdent(ch.table));
}
void render(const step::AddColumn &ch, const RenderContext &, StepSink &out) {
  out.add(alterTable(ch.table) + " ADD COLUMN " + columnDefinition(ch.column));
  if (!ch.column.comment.empty()) out.add(commentOnColumn(ch.table, ch.column));
}
void render(const step::DropColumn &ch, const RenderContext &, StepSink &out) {
  out.add(alterTable(ch.table) + " DROP COLUMN " + quoteIdent(ch.column.name));
}
void render(const step::RenameColumn &ch, const RenderContext &, StepSink &out) {
  out.add(alterTable(ch.table) + " RENAME COLUMN " + quoteIdent(ch.oldColumn.name) + " TO " +
          quoteIdent(ch.column.name));
}
void render(const step::AlterColumn &ch, const RenderContext &, StepSink &out) {
  renderAlterColumn(ch, out);
}
void render(const step::AddPrimaryKey &ch, const RenderContext &ctx, StepSink &out) {
  const Table *t = ctx.desired.table(ch.table);
  std::string name = t ? t->primaryKeyName : "";
  out.add(alterTable(ch.table) + " ADD " + (name.empty() ? "" : "CONSTRAINT " + quoteIdent(name) + " ") +
          "PRIMARY KEY (" + quoteIdentList(ch.primaryKey) + ")" + deferrabilityClause(ch.deferral));
}
void render(const step::DropPrimaryKey &ch, const RenderContext &ctx, StepSink &out) {
  renderDropPrimaryKey(ch, ctx, out);
}
void render(const step::AddForeignKey &ch, const RenderContext &ctx, StepSink &out) {
  renderAddForeignKey(ch, ctx, out);
}
void render(const step::DropForeignKey &ch, const RenderContext &ctx, StepSink &out) {
  renderDropForeignKey(ch, ctx, out);
}
void render(const step::AlterForeignKey &ch, const RenderContext &, StepSink &out) {
  renderAlterForeignKey(ch, out);
}
void render(const step::AddUnique &ch, const RenderContext &ctx, StepSink &out) {
  renderAddUnique(ch, ctx, out);
}
void render(const step::DropUnique &ch, const RenderContext &ctx, StepSink &out) {
  renderDropUnique(ch, ctx, out);
}
void render(const step::CreateIndex &ch, const RenderContext &ctx, StepSink &out) {
  renderCreateIndex(ch.table, ch.index, ctx.onlineFor(ch.table), out);
}
void render(const step::DropIndex &ch, const RenderContext &ctx, StepSink &out) {
  renderDropIndex(ch, ctx, out);
}
void render(const step::CreateUnmanaged &ch, const RenderContext &, StepSink &out) {
  // A definition may hold more than one statement (a view and its COMMENT): each runs as its
  // own, as the server takes one statement at a time from a prepared call.
  for (const ScriptStatement &st : splitPostgresScript(ch.unmanaged.definition))
    out.add(ch.unmanaged.definition.substr(st.code, st.end - st.code));
}
void render(const step::CreateSequence &ch, const RenderContext &, StepSink &out) {
  renderCreateSequence(ch, out);
}
void render(const step::AlterSequence &ch, const RenderContext &, StepSink &out) {
  renderAlterSequence(ch, out);
}
void render(const step::DropSequence &ch, const RenderContext &, StepSink &out) {
  renderDropSequence(ch, out);
}
void render(const step::AddCheck &ch, const RenderContext &ctx, StepSink &out) {
  renderAddCheck(ch, ctx, out);
}
void render(const step::DropCheck &ch, const RenderContext &, StepSink &out) {
  renderDropCheck(ch, out);
}
void render(const step::RenamePrimaryKey &ch, const RenderContext &, StepSink &out) {
  out.add(alterTable(ch.table) + " RENAME CONSTRAINT " + quoteIdent(ch.oldName) + " TO " +
          quoteIdent(ch.newName));
}
} // namespace

std::vector<SqlStep> renderChanges(const std::vector<Change> &changes, const Schema &current,
                                   const Schema &desired, const RenderOptions &opts) {
  std::vector<SqlStep> steps;
  RenderContext ctx{current, desired, opts};
  for (size_t i = 0; i < changes.size(); ++i) {
    StepSink sink{steps, static_cast<int>(i), changes[i].describe()};
    std::visit([&](const auto &step) { render(step, ctx, sink); }, changes[i].step);
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
