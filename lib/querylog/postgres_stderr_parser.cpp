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
      // PostgreSQL starts every further line of a message with a tab: a statement's, a plan's,
      // and a DETAIL's whose bound values hold newlines.
      if (pending_ && (inText_ || inDetail_)) {
        std::string &to = inText_ ? text_ : detail_;
        to += '\n';
        to.append(l.data() + 1, l.size() - 1);
      }
      return;
    }
    applyDetail();
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
      inText_ = false;
      if (pending_ && !plan_ && f.session == session_) { // applied once its last line is in
        detail_.assign(message.data(), message.size());
        inDetail_ = true;
      }
      return;
    }
    if (severity != "LOG") {
      // ERROR, STATEMENT (the failing statement, already logged), HINT, CONTEXT…: not executions.
      if (!belongsToPrevious(severity)) flush();
      inText_ = false;
      return;
    }
    flush();
    PgMessage m = classifyPgMessage(message);
    switch (m.kind) {
    case PgMessage::Kind::Statement:
    case PgMessage::Kind::Plan:
      plan_ = m.kind == PgMessage::Kind::Plan;
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
    case PgMessage::Kind::Disconnect:
    case PgMessage::Kind::Connect: {
      StatementEvent e;
      e.kind = m.kind == PgMessage::Kind::Duration     ? StatementEvent::Kind::Duration
               : m.kind == PgMessage::Kind::Disconnect ? StatementEvent::Kind::SessionEnd
                                                       : StatementEvent::Kind::SessionStart;
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

  // A message of its own that flushes the pending statement. Not a tab line (it continues one),
  // not an unmatched line (a DETAIL may still follow), not a DETAIL or the severities that belong
  // to the message before them.
  bool startsAfresh(std::string_view l) const override {
    if (l.empty() || l[0] == '\t') return false;
    PrefixFields f;
    std::string_view severity;
    return prefix_.match(l, f, severity) && severity != "DETAIL" && !belongsToPrevious(severity);
  }

  void finish() override {
    applyDetail();
    flush();
  }

private:
  static bool belongsToPrevious(std::string_view severity) {
    return severity == "HINT" || severity == "CONTEXT" || severity == "STATEMENT" || severity == "QUERY" ||
           severity == "LOCATION";
  }

  void applyDetail() {
    if (!inDetail_) return;
    inDetail_ = false;
    applyPgDetail(detail_, text_, params_);
  }

  void flush() {
    if (!pending_) return;
    pending_ = false;
    inText_ = false;
    inDetail_ = false;
    StatementEvent e;
    if (plan_) {
      if (!autoExplainQueryText(text_, planText_)) return; // a plan that names no statement
      text_.swap(planText_);
      e.fromPlan = true;
    }
    e.session = session_;
    e.timestampMs = ts_;
    e.durationMs = duration_;
    e.text = text_;
    e.params = params_;
    e.line = line_;
    emit(e);
  }

  LogLinePrefix prefix_;
  bool pending_ = false, inText_ = false, inDetail_ = false, plan_ = false;
  std::string session_, text_, params_, detail_, planText_;
  double ts_ = -1, duration_ = -1;
  long line_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makePostgresStderrParser(StatementSink &sink, std::string file,
                                                    LogLinePrefix prefix) {
  return std::make_unique<PostgresStderrParser>(sink, std::move(file), std::move(prefix));
}

} // namespace tether
