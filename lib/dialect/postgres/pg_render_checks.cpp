#include "dialect/postgres/pg_fragment.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"

namespace tether::pg {

std::string checkClause(const CheckConstraint &c) {
  requireOneExpression(c.sql, "the check constraint" + (c.name.empty() ? "" : " " + c.name));
  return (c.name.empty() ? "" : "CONSTRAINT " + quoteIdent(c.name) + " ") + "CHECK (" + c.sql + ")";
}

// Written on a column in the model: inline in its definition, as a DBA or create_all() writes it.
std::string columnChecks(const Table &t, const std::string &column) {
  std::string out;
  for (const auto &c : t.checks)
    if (c.column == column) out += " " + checkClause(c);
  return out;
}

void renderAddCheck(const step::AddCheck &ch, const RenderContext &ctx, StepSink &out) {
  const CheckConstraint &c = ch.check;
  // Online, a named check is added NOT VALID (no scan under the exclusive lock) and validated
  // after, under a lock that lets reads and writes go on; validating twice is a no-op.
  const bool online = ctx.onlineFor(ch.table) && !c.name.empty();
  out.add(alterTable(ch.table) + " ADD " + checkClause(c) + (online ? " NOT VALID" : ""));
  if (online) out.add(alterTable(ch.table) + " VALIDATE CONSTRAINT " + quoteIdent(c.name), false);
}

void renderDropCheck(const step::DropCheck &ch, StepSink &out) {
  out.add(alterTable(ch.table) + " DROP CONSTRAINT " + quoteIdent(ch.check.name));
}

} // namespace tether::pg
