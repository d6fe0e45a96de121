#include "dialect/postgres/pg_render_sequence.h"
#include "dialect/postgres/pg_quote.h"

namespace tether::pg {

namespace {
std::string qualified(const Sequence &s) {
  return (s.schema.empty() ? "" : quoteIdent(s.schema) + ".") + quoteIdent(s.name);
}
} // namespace

void renderCreateSequence(const step::CreateSequence &ch, StepSink &out) {
  const Sequence &s = ch.sequence;
  std::string sql = "CREATE SEQUENCE " + qualified(s);
  if (s.increment) sql += " INCREMENT BY " + std::to_string(*s.increment);
  if (s.start) sql += " START WITH " + std::to_string(*s.start);
  out.add(sql);
}

void renderAlterSequence(const step::AlterSequence &ch, StepSink &out) {
  const Sequence &s = ch.sequence;
  {
    // START WITH changes the recorded start only (RESTART would move the sequence): numbers already
    // handed out are never handed out again.
    std::string sql = "ALTER SEQUENCE " + qualified(s);
    if (s.increment.value_or(1) != ch.oldSequence.increment.value_or(1))
      sql += " INCREMENT BY " + std::to_string(s.increment.value_or(1));
    if (s.start.value_or(1) != ch.oldSequence.start.value_or(1))
      sql += " START WITH " + std::to_string(s.start.value_or(1));
    out.add(sql);
  }
}

void renderDropSequence(const step::DropSequence &ch, StepSink &out) {
  out.add("DROP SEQUENCE " + qualified(ch.sequence));
}

} // namespace tether::pg
