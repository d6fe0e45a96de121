#include "querylog/log_parser.h"
#include "querylog/postgres_message.h"
#include "querylog/timestamp.h"

namespace tether {

namespace {

// PostgreSQL 15's jsonlog: one flat JSON object per line.
class PostgresJsonParser : public LogParser {
public:
  using LogParser::LogParser;

  void line(std::string_view l, long lineNo) override {
    if (l.empty()) return;
    if (!parseObject(l)) {
      ++skipped_;
      return;
    }
    size_t used = 0;
    double ts = parseTimestampMs(timestamp_, used);
    if (!hasSeverity_ || !hasMessage_) {
      ++skipped_;
      return;
    }
    ++recognized_;
    if (severity_ != "LOG" && canonicalPgSeverity(severity_) != "LOG") return;
    PgMessage m = classifyPgMessage(message_);
    StatementEvent e;
    e.session = sessionId_.empty() ? std::string_view(pid_) : std::string_view(sessionId_);
    e.timestampMs = ts;
    e.durationMs = m.durationMs;
    e.line = lineNo;
    emitPgRecord(m, detail_, e, text_, params_);
  }

private:
  static void skipSpace(std::string_view s, size_t &i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
      ++i;
  }

  static void appendUtf8(std::string &out, unsigned cp) {
    if (cp < 0x80)
      out += static_cast<char>(cp);
    else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // A JSON string at s[i] == '"'; decoded into `out` (when not null). False when malformed.
  static bool string(std::string_view s, size_t &i, std::string *out) {
    if (i >= s.size() || s[i] != '"') return false;
    ++i;
    while (i < s.size()) {
      char c = s[i];
      if (c == '"') {
        ++i;
        return true;
      }
      if (c != '\\') {
        size_t run = i;
        while (run < s.size() && s[run] != '"' && s[run] != '\\')
          ++run;
        if (out) out->append(s.data() + i, run - i);
        i = run;
        continue;
      }
      if (i + 1 >= s.size()) return false;
      char e = s[i + 1];
      i += 2;
      char plain = 0;
      switch (e) {
      case 'n':
        plain = '\n';
        break;
      case 't':
        plain = '\t';
        break;
      case 'r':
        plain = '\r';
        break;
      case 'b':
        plain = '\b';
        break;
      case 'f':
        plain = '\f';
        break;
      case '/':
        plain = '/';
        break;
      case '\\':
        plain = '\\';
        break;
      case '"':
        plain = '"';
        break;
      case 'u': {
        if (i + 4 > s.size()) return false;
        unsigned cp = 0;
        for (int k = 0; k < 4; ++k) {
          char h = s[i + k];
          cp <<= 4;
          if (h >= '0' && h <= '9')
            cp |= static_cast<unsigned>(h - '0');
          else if ((h | 0x20) >= 'a' && (h | 0x20) <= 'f')
            cp |= static_cast<unsigned>((h | 0x20) - 'a' + 10);
          else
            return false;
        }
        i += 4;
        if (out) appendUtf8(*out, cp);
        continue;
      }
      default:
        return false;
      }
      if (out) *out += plain;
    }
    return false;
  }

  // Numbers, true/false/null; nested values are not part of jsonlog and make the line malformed.
  static bool scalar(std::string_view s, size_t &i, std::string *out) {
    size_t b = i;
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ' ')
      ++i;
    if (i == b || s[b] == '{' || s[b] == '[') return false;
    if (out) out->assign(s.data() + b, i - b);
    return true;
  }

  bool parseObject(std::string_view s) {
    timestamp_.clear(), message_.clear(), detail_.clear(), severity_.clear(), sessionId_.clear(),
        pid_.clear();
    hasSeverity_ = hasMessage_ = false;
    size_t i = 0;
    skipSpace(s, i);
    if (i >= s.size() || s[i] != '{') return false;
    ++i;
    skipSpace(s, i);
    if (i < s.size() && s[i] == '}') return true;
    for (;;) {
      skipSpace(s, i);
      key_.clear();
      if (!string(s, i, &key_)) return false;
      skipSpace(s, i);
      if (i >= s.size() || s[i] != ':') return false;
      ++i;
      skipSpace(s, i);
      std::string *target = nullptr;
      if (key_ == "timestamp")
        target = &timestamp_;
      else if (key_ == "message")
        target = &message_, hasMessage_ = true;
      else if (key_ == "detail")
        target = &detail_;
      else if (key_ == "error_severity")
        target = &severity_, hasSeverity_ = true;
      else if (key_ == "session_id")
        target = &sessionId_;
      else if (key_ == "pid")
        target = &pid_;
      if (i < s.size() && s[i] == '"') {
        if (!string(s, i, target)) return false;
      } else if (!scalar(s, i, target)) {
        return false;
      }
      skipSpace(s, i);
      if (i < s.size() && s[i] == ',') {
        ++i;
        continue;
      }
      return i < s.size() && s[i] == '}';
    }
  }

  std::string key_, timestamp_, message_, detail_, severity_, sessionId_, pid_, text_, params_;
  bool hasSeverity_ = false, hasMessage_ = false;
};

} // namespace

std::unique_ptr<LogParser> makePostgresJsonParser(StatementSink &sink, std::string file) {
  return std::make_unique<PostgresJsonParser>(sink, std::move(file));
}

} // namespace tether
