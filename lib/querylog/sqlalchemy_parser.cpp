#include "querylog/log_parser.h"
#include "querylog/timestamp.h"

namespace tether {

namespace {

bool startsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// SQLAlchemy's engine log (echo=True or the sqlalchemy.engine logger): a record with the SQL (its
// later lines bare), then a record with the parameters: "[generated in 0.0001s] {'pk_1': 3}",
// "[cached since 2.1s ago] (3,)", "[raw sql] {}", "[no key 0.0001s] …".
class SqlAlchemyParser : public LogParser {
public:
  using LogParser::LogParser;

  void line(std::string_view l, long lineNo) override {
    size_t at = l.find("sqlalchemy.engine");
    if (at == std::string_view::npos) {
      if (pending_ && !hasParams_) {
        text_ += '\n';
        text_.append(l.data(), l.size());
      } else if (!l.empty()) {
        ++skipped_;
      }
      return;
    }
    ++recognized_;
    // The logger name ends at the first space or colon; the message follows.
    size_t end = at;
    while (end < l.size() && l[end] != ' ' && l[end] != ':')
      ++end;
    std::string_view message = end < l.size() ? l.substr(end + 1) : std::string_view();
    std::string_view head = l.substr(0, at);
    size_t used = 0;
    double ts = parseTimestampMs(head, used);
    std::string_view rest = ts >= 0 ? head.substr(used) : head;
    sessionOf(rest, l.substr(at, end - at));

    if (isParameterLine(message)) {
      if (pending_ && !hasParams_) {
        size_t close = message.find(']');
        std::string_view p = message.substr(close + 1);
        while (!p.empty() && p.front() == ' ')
          p.remove_prefix(1);
        params_.assign(p.data(), p.size());
        hasParams_ = true;
        flush();
      }
      return;
    }
    if (startsWith(message, "Col ") || startsWith(message, "Row ")) return; // echo="debug" result rows
    flush();
    // An empty message starts a statement too: text("""\nSELECT …""") logs its SQL from the next line.
    pending_ = true;
    hasParams_ = false;
    std::string_view sql = message;
    if (startsWith(sql, "BEGIN (implicit)")) sql = "BEGIN";
    text_.assign(sql.data(), sql.size());
    params_.clear();
    pendingSession_ = session_;
    ts_ = ts;
    line_ = lineNo;
  }

  void finish() override { flush(); }

private:
  static bool isParameterLine(std::string_view m) {
    return startsWith(m, "[generated in ") || startsWith(m, "[cached since ") || startsWith(m, "[raw sql]") ||
           startsWith(m, "[no key ") || startsWith(m, "[dialect ") || startsWith(m, "[insertmanyvalues") ||
           startsWith(m, "[SQL parameters hidden");
  }

  // What is left of the record's prefix without the time and level names (a thread name, say)
  // tells requests apart; plus the logger's own name (Engine.<logging_name>).
  void sessionOf(std::string_view rest, std::string_view logger) {
    session_.clear();
    size_t i = 0;
    while (i < rest.size()) {
      while (i < rest.size() && (rest[i] == ' ' || rest[i] == ':' || rest[i] == '-' || rest[i] == '|'))
        ++i;
      size_t b = i;
      while (i < rest.size() && rest[i] != ' ' && rest[i] != ':')
        ++i;
      std::string_view word = rest.substr(b, i - b);
      if (word.empty() || word == "INFO" || word == "DEBUG" || word == "WARNING" || word == "ERROR") continue;
      if (!session_.empty()) session_ += ' ';
      session_.append(word.data(), word.size());
    }
    if (logger.size() > 25) { // "sqlalchemy.engine.Engine.<name>"
      if (!session_.empty()) session_ += ' ';
      session_.append(logger.data() + 25, logger.size() - 25);
    }
  }

  void flush() {
    if (!pending_) return;
    pending_ = false;
    size_t start = text_.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return; // an empty record with nothing after it
    if (start > 0) text_.erase(0, start);
    StatementEvent e;
    e.session = pendingSession_;
    e.timestampMs = ts_;
    e.text = text_;
    e.params = params_;
    e.line = line_;
    emit(e);
  }

  bool pending_ = false, hasParams_ = false;
  std::string text_, params_, session_, pendingSession_;
  double ts_ = -1;
  long line_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makeSqlAlchemyParser(StatementSink &sink, std::string file) {
  return std::make_unique<SqlAlchemyParser>(sink, std::move(file));
}

} // namespace tether
