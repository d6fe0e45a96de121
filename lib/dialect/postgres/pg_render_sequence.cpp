#include "dialect/postgres/pg_render_sequence.h"
#include "dialect/postgres/pg_quote.h"

namespace tether::pg {

namespace {
std::string qualified(const Sequence &s) {
  return (s.schema.empty() ? "" : quoteIdent(s.schema) + ".") + quoteIdent(s.name);
}
} // namespace

void renderSequenceChange(const Change &ch, StepSink &out) {
  const Sequence &s = ch.sequence;
  switch (ch.kind) {
  case ChangeKind::CreateSequence: {
    std::string sql = "CREATE SEQUENCE " + qualified(s);
    if (s.increment) sql += " INCREMENT BY " + std::to_string(*s.increment);
    if (s.start) sql += " START WITH " + std::to_string(*s.start);
    out.add(sql);
    break;
  }
  case ChangeKind::AlterSequence: {
    // START WITH changes the recorded start only (RESTART would move the sequence): numbers already
    // handed out are never handed out again.
    std::string sql = "ALTER SEQUENCE " + qualified(s);
    if (s.increment.value_or(1) != ch.oldSequence.increment.value_or(1))
      sql += " INCREMENT BY " + std::to_string(s.increment.value_or(1));
    if (s.start.value_or(1) != ch.oldSequence.start.value_or(1))
      sql += " START WITH " + std::to_string(s.start.value_or(1));
    out.add(sql);
    break;
  }
  case ChangeKind::DropSequence:
    out.add("DROP SEQUENCE " + qualified(s));
    break;
  default:
    break;
  }
}

} // namespace tether::pg
