#include "querylog/log_parser.h"
#include "querylog/postgres_message.h"

namespace tether {

namespace {

// PostgreSQL's stderr log: each message starts with the prefix and a severity; continuation lines
// of a multi-line statement start with a tab; a DETAIL line (parameters, prepare) follows its LOG.
class PostgresStderrParser : public LogParser {
public:
  PostgresStderrParser(StatementSink &sink, std::string file, LogLinePrefix prefix)
      : LogParser(sink, std::move(file)), prefix_(std::move(prefix)) {}

  void line(std::string_view l, long lineNo) override {
    if (!l.empty() && l[0] == '\t') {
      if (pending_ && inText_) {
        text_ += '\n';
        text_.append(l.data() + 1, l.size() - 1);
      }
      return;
    }
    PrefixFields f;
    std::string_view severity;
    if (!prefix_.match(l, f, severity)) {
      if (!l.empty()) ++skipped_;
      inText_ = false;
      return;
    }
    ++recognized_;
    std::string_view message = l.substr(f.message);
    if (severity == "DETAIL") {
      if (pending_ && f.session == session_) {
        applyPgDetail(message, text_, params_);
        // a multi-line DETAIL continues with tabs: not part of the statement
      }
      inText_ = false;
      return;
    }
    if (severity != "LOG") {
      // ERROR, STATEMENT (the failing statement, already logged), HINT, CONTEXT…: not executions.
      if (severity != "HINT" && severity != "CONTEXT" && severity != "STATEMENT" && severity != "QUERY" &&
          severity != "LOCATION")
        flush();
      inText_ = false;
      return;
    }
    flush();
    PgMessage m = classifyPgMessage(message);
    switch (m.kind) {
    case PgMessage::Kind::Statement:
      pending_ = true;
      inText_ = true;
      session_.assign(f.session.data(), f.session.size());
      text_.assign(m.text.data(), m.text.size());
      params_.clear();
      ts_ = f.timestampMs;
      duration_ = m.durationMs;
      line_ = lineNo;
      break;
    case PgMessage::Kind::Duration:
    case PgMessage::Kind::Disconnect: {
      StatementEvent e;
      e.kind = m.kind == PgMessage::Kind::Duration ? StatementEvent::Kind::Duration
                                                   : StatementEvent::Kind::SessionEnd;
      e.session = f.session;
      e.timestampMs = f.timestampMs;
      e.durationMs = m.durationMs;
      e.line = lineNo;
      emit(e);
      inText_ = false;
      break;
    }
    case PgMessage::Kind::Other:
      inText_ = false;
      break;
    }
  }

  void finish() override { flush(); }

private:
  void flush() {
    if (!pending_) return;
    pending_ = false;
    inText_ = false;
    StatementEvent e;
    e.session = session_;
    e.timestampMs = ts_;
    e.durationMs = duration_;
    e.text = text_;
    e.params = params_;
    e.line = line_;
    emit(e);
  }

  LogLinePrefix prefix_;
  bool pending_ = false, inText_ = false;
  std::string session_, text_, params_;
  double ts_ = -1, duration_ = -1;
  long line_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makePostgresStderrParser(StatementSink &sink, std::string file,
                                                    LogLinePrefix prefix) {
  return std::make_unique<PostgresStderrParser>(sink, std::move(file), std::move(prefix));
}

} // namespace tether
