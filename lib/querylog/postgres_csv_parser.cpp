#include "querylog/log_parser.h"
#include "querylog/postgres_message.h"
#include "querylog/timestamp.h"
#include <vector>

namespace tether {

namespace {

constexpr size_t kMaxRecord = 16u << 20; // a record longer than this is a broken quote, not a statement

// PostgreSQL's csvlog: one record per message, quoted fields may span lines.
class PostgresCsvParser : public LogParser {
public:
  using LogParser::LogParser;

  void line(std::string_view l, long lineNo) override {
    if (!open_) {
      record_.clear();
      recordLine_ = lineNo;
    } else {
      record_ += '\n';
    }
    record_.append(l.data(), l.size());
    for (char c : l)
      if (c == '"') inQuote_ = !inQuote_;
    open_ = inQuote_;
    if (open_) {
      if (record_.size() > kMaxRecord) { // never let one bad quote swallow the rest of the log
        ++skipped_;
        open_ = inQuote_ = false;
        record_.clear();
      }
      return;
    }
    if (!record_.empty()) parseRecord();
  }

  void finish() override {
    if (open_) ++skipped_; // a record cut off by the end of the file
    open_ = inQuote_ = false;
  }

private:
  void parseRecord() {
    // Split into fields; "" inside quotes is one quote.
    size_t n = 0;
    size_t i = 0;
    const std::string &r = record_;
    for (;;) {
      if (n == fields_.size()) fields_.emplace_back();
      std::string &f = fields_[n++];
      f.clear();
      if (i < r.size() && r[i] == '"') {
        ++i;
        for (;;) {
          size_t q = r.find('"', i);
          if (q == std::string::npos) {
            f.append(r, i, std::string::npos);
            i = r.size();
            break;
          }
          f.append(r, i, q - i);
          if (q + 1 < r.size() && r[q + 1] == '"') {
            f += '"';
            i = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
      } else {
        size_t c = r.find(',', i);
        if (c == std::string::npos) c = r.size();
        f.append(r, i, c - i);
        i = c;
      }
      if (i < r.size() && r[i] == ',' && n < 32) {
        ++i;
        continue;
      } // later fields are not needed
      break;
    }
    size_t used = 0;
    double ts = parseTimestampMs(fields_[0], used);
    if (n < 15 || ts < 0) {
      ++skipped_;
      return;
    }
    ++recognized_;
    const std::string &severity = fields_[11];
    if (severity != "LOG" && canonicalPgSeverity(severity) != "LOG") return;
    PgMessage m = classifyPgMessage(fields_[13]);
    StatementEvent e;
    e.session = fields_[5].empty() ? std::string_view(fields_[3]) : std::string_view(fields_[5]);
    e.timestampMs = ts;
    e.durationMs = m.durationMs;
    e.line = recordLine_;
    emitPgRecord(m, fields_[14], e, text_, params_);
  }

  std::string record_, text_, params_;
  std::vector<std::string> fields_;
  bool open_ = false, inQuote_ = false;
  long recordLine_ = 0;
};

} // namespace

std::unique_ptr<LogParser> makePostgresCsvParser(StatementSink &sink, std::string file) {
  return std::make_unique<PostgresCsvParser>(sink, std::move(file));
}

} // namespace tether
