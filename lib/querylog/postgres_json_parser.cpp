#include "core/strings.h"
#include "querylog/log_parser.h"
#include "querylog/postgres_message.h"
#include "querylog/timestamp.h"
#include <nlohmann/json.hpp>

namespace tether {

namespace {

// The fields of one jsonlog record tether reads; the rest are skipped without being kept.
struct JsonlogRecord {
  std::string timestamp, message, detail, severity, sessionId, pid;
  bool hasSeverity = false, hasMessage = false;

  void clear() {
    timestamp.clear(), message.clear(), detail.clear(), severity.clear(), sessionId.clear(), pid.clear();
    hasSeverity = hasMessage = false;
  }
};

// nlohmann-json's SAX events for one flat object. Nested values are not part of jsonlog and make
// the line malformed; scalars other than strings are kept as written (the pid is a number).
class JsonlogHandler : public nlohmann::json_sax<nlohmann::json> {
public:
  explicit JsonlogHandler(JsonlogRecord &r) : r_(r) {}

  bool null() override { return put("null"); }
  bool boolean(bool v) override { return put(v ? "true" : "false"); }
  bool number_integer(number_integer_t v) override { return put(std::to_string(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(std::to_string(v)); }
  bool number_float(number_float_t, const string_t &raw) override { return put(raw); }
  bool string(string_t &v) override { return put(v); }
  bool binary(binary_t &) override { return false; }
  bool start_object(std::size_t) override { return ++depth_ == 1; }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return false; }
  bool end_array() override { return false; }
  bool key(string_t &k) override {
    target_ = nullptr;
    if (k == "timestamp")
      target_ = &r_.timestamp;
    else if (k == "message")
      target_ = &r_.message, r_.hasMessage = true;
    else if (k == "detail")
      target_ = &r_.detail;
    else if (k == "error_severity")
      target_ = &r_.severity, r_.hasSeverity = true;
    else if (k == "session_id")
      target_ = &r_.sessionId;
    else if (k == "pid")
      target_ = &r_.pid;
    return true;
  }
  bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override {
    return false;
  }

private:
  bool put(const std::string &v) {
    if (depth_ != 1) return false; // a bare scalar is not a record
    if (target_) *target_ = v;
    target_ = nullptr;
    return true;
  }

  JsonlogRecord &r_;
  std::string *target_ = nullptr;
  int depth_ = 0;
};

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
    double ts = parseTimestampMs(r_.timestamp, used);
    if (!r_.hasSeverity || !r_.hasMessage) {
      ++skipped_;
      return;
    }
    ++recognized_;
    if (r_.severity != "LOG" && canonicalPgSeverity(r_.severity) != "LOG") return;
    PgMessage m = classifyPgMessage(r_.message);
    StatementEvent e;
    e.session = r_.sessionId.empty() ? std::string_view(r_.pid) : std::string_view(r_.sessionId);
    e.timestampMs = ts;
    e.durationMs = m.durationMs;
    e.line = lineNo;
    emitPgRecord(m, r_.detail, e, text_, params_);
  }

  bool startsAfresh(std::string_view) const override { return true; } // one record a line, nothing kept

private:
  bool parse(std::string_view s) {
    r_.clear();
    JsonlogHandler h(r_);
    // Not strict: what follows the record's closing brace is ignored, as it always was.
    return nlohmann::json::sax_parse(s.begin(), s.end(), &h, nlohmann::json::input_format_t::json, false);
  }

  // A server whose encoding is not UTF-8 writes its bytes into jsonlog as they are; such a
  // record is read with the invalid bytes replaced by U+FFFD rather than lost.
  bool parseObject(std::string_view s) {
    if (parse(s)) return true;
    if (isValidUtf8(s)) return false;
    return parse(replaceInvalidUtf8(s));
  }

  JsonlogRecord r_;
  std::string text_, params_;
};

} // namespace

std::unique_ptr<LogParser> makePostgresJsonParser(StatementSink &sink, std::string file) {
  return std::make_unique<PostgresJsonParser>(sink, std::move(file));
}

} // namespace tether
