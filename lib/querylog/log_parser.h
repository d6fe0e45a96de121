#pragma once
#include "querylog/auto_explain.h"
#include "querylog/log_prefix.h"
#include "querylog/postgres_message.h"
#include "querylog/statement_event.h"
#include <memory>
#include <string>
#include <string_view>

namespace tether {

// One log format's line-by-line state machine. Lines arrive in order; finish() flushes what is pending.
class LogParser {
public:
  LogParser(StatementSink &sink, std::string file) : sink_(sink), file_(std::move(file)) {}
  virtual ~LogParser() = default;
  virtual void line(std::string_view text, long lineNo) = 0;
  virtual void finish() {}
  // True when `text`, as a line of this format, leaves nothing of the lines before it pending: a
  // fresh parser that starts at it (after finish() on the one that read the lines before) emits
  // what one parser reading them all would. Logs are split for parallel parsing only there.
  virtual bool startsAfresh(std::string_view text) const {
    (void)text;
    return false;
  }
  long long statements() const { return statements_; }
  long long skipped() const { return skipped_; }
  // Records that mean something to this format (statements or not); 0 on a file of another kind.
  long long recognized() const { return recognized_; }

protected:
  void emit(StatementEvent &e) {
    e.file = file_;
    if (e.kind == StatementEvent::Kind::Statement) ++statements_;
    sink_.onEvent(e);
  }
  // csvlog and jsonlog carry one whole message per record: emit what it means. `text` and
  // `params` are the caller's buffers, reused across records.
  void emitPgRecord(const PgMessage &m, std::string_view detail, StatementEvent &e, std::string &text,
                    std::string &params) {
    switch (m.kind) {
    case PgMessage::Kind::Statement:
      text.assign(m.text.data(), m.text.size());
      params.clear();
      if (!detail.empty()) applyPgDetail(detail, text, params);
      e.text = text;
      e.params = params;
      emit(e);
      break;
    case PgMessage::Kind::Duration:
      e.kind = StatementEvent::Kind::Duration;
      emit(e);
      break;
    case PgMessage::Kind::Disconnect:
      e.kind = StatementEvent::Kind::SessionEnd;
      emit(e);
      break;
    case PgMessage::Kind::Connect:
      e.kind = StatementEvent::Kind::SessionStart;
      emit(e);
      break;
    case PgMessage::Kind::Plan:
      if (!autoExplainQueryText(m.text, text)) break;
      params.clear();
      e.text = text;
      e.params = params;
      e.fromPlan = true;
      emit(e);
      break;
    case PgMessage::Kind::Other:
      break;
    }
  }
  StatementSink &sink_;
  std::string file_;
  long long statements_ = 0, skipped_ = 0, recognized_ = 0;
};

std::unique_ptr<LogParser> makePostgresStderrParser(StatementSink &sink, std::string file,
                                                    LogLinePrefix prefix);
std::unique_ptr<LogParser> makePostgresCsvParser(StatementSink &sink, std::string file);
std::unique_ptr<LogParser> makePostgresJsonParser(StatementSink &sink, std::string file);
std::unique_ptr<LogParser> makeSqlAlchemyParser(StatementSink &sink, std::string file);
std::unique_ptr<LogParser> makePlainSqlParser(StatementSink &sink, std::string file);

} // namespace tether
