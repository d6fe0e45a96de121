#include "querylog/log_parser.h"

namespace tether {

namespace {

bool startsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

// Plain SQL: statements end with ";" at the end of a line (outside quotes); one session, no times.
class PlainSqlParser : public LogParser {
public:
  using LogParser::LogParser;

  void line(std::string_view l, long lineNo) override {
    std::string_view t = l;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
      t.remove_prefix(1);
    if (text_.empty()) {
      if (t.empty() || startsWith(t, "--")) return;
      if (t.front() == '\\') { // psql meta-commands are not SQL
        ++skipped_;
        return;
      }
      line_ = lineNo;
    } else {
      text_ += '\n';
    }
    text_.append(l.data(), l.size());
    for (char c : l)
      if (c == '\'') inQuote_ = !inQuote_;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t'))
      t.remove_suffix(1);
    if (!inQuote_ && !t.empty() && t.back() == ';')
      flush();
    else if (text_.size() > (16u << 20)) { // runaway quote: drop it rather than hold the file
      ++skipped_;
      text_.clear();
      inQuote_ = false;
    }
  }

  void finish() override { flush(); }

private:
  void flush() {
    if (text_.empty()) return;
    ++recognized_;
    StatementEvent e;
    e.text = text_;
    e.line = line_;
    emit(e);
    text_.clear();
    inQuote_ = false;
  }

  std::string text_;
  bool inQuote_ = false;
  long line_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makePlainSqlParser(StatementSink &sink, std::string file) {
  return std::make_unique<PlainSqlParser>(sink, std::move(file));
}

} // namespace tether
