#include "audit/query_stats_csv.h"
#include "core/error.h"
#include "core/strings.h"
#include <fstream>
#include <sstream>

namespace tether {

namespace {

// RFC 4180 as PostgreSQL's COPY … CSV writes it: quoted fields may hold commas, "" and newlines.
class CsvRecords {
public:
  explicit CsvRecords(std::string text) : text_(std::move(text)) {}
  // The next record's fields and the line it starts on; false at the end.
  bool next(std::vector<std::string> &fields, long &line) {
    fields.clear();
    if (pos_ >= text_.size()) return false;
    line = line_;
    std::string field;
    bool quoted = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (quoted) {
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(std::move(field));
        field.clear();
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    if (quoted) throw Error("a quoted field is not closed", SourceLoc{"", static_cast<int>(line), 0});
    fields.push_back(std::move(field));
    return true;
  }

private:
  std::string text_;
  size_t pos_ = 0;
  long line_ = 1;
};

int column(const std::vector<std::string> &header, const char *name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

template <typename T>
T number(const std::string &s, const std::string &path, long line, T (*conv)(const std::string &, size_t *)) {
  if (s.empty()) return T{};
  try {
    return conv(s, nullptr);
  } catch (const std::exception &) {
    throw Error("'" + s + "' is not a number", SourceLoc{path, static_cast<int>(line), 0});
  }
}

long long toLL(const std::string &s, size_t *i) {
  return std::stoll(s, i);
}
double toD(const std::string &s, size_t *i) {
  return std::stod(s, i);
}

} // namespace

QueryStatsRead readQueryStatsCsv(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  CsvRecords records(buf.str());
  const std::string howTo =
      "save one with: psql -c \"\\copy (SELECT * FROM pg_stat_statements) TO '" + path + "' CSV HEADER\"";
  std::vector<std::string> header, fields;
  long line = 0;
  try {
    if (!records.next(header, line)) throw Error(path + " is empty", {}, howTo);
  } catch (const Error &e) {
    throw Error(path + ": " + e.what(), SourceLoc{path, e.where().line, 0}, howTo);
  }
  int q = column(header, "query"), calls = column(header, "calls"), rows = column(header, "rows");
  int time = column(header, "total_exec_time");
  if (time < 0) time = column(header, "total_time"); // PostgreSQL 12 and older
  if (q < 0 || calls < 0 || rows < 0)
    throw Error(path +
                    " is not a pg_stat_statements snapshot: its header has no query, calls and rows columns",
                SourceLoc{path, 1, 0}, howTo);
  QueryStatsRead out;
  out.available = true;
  out.source = path;
  try {
    while (records.next(fields, line)) {
      if (fields.size() == 1 && fields[0].empty()) continue; // a blank line, such as a final newline
      if (fields.size() != header.size())
        throw Error("a record with " + std::to_string(fields.size()) + " fields under a header of " +
                        std::to_string(header.size()),
                    SourceLoc{path, static_cast<int>(line), 0});
      StatementStat s;
      s.query = fields[q];
      s.line = line;
      if (s.query.empty() || s.query == "<insufficient privilege>") {
        ++out.hidden;
        continue;
      }
      s.calls = number<long long>(fields[calls], path, line, toLL);
      s.rows = number<long long>(fields[rows], path, line, toLL);
      if (time >= 0) s.totalMs = number<double>(fields[time], path, line, toD);
      out.statements.push_back(std::move(s));
    }
  } catch (const Error &e) {
    if (!e.where().file.empty()) throw;
    throw Error(path + ": " + e.what(), SourceLoc{path, e.where().line, 0}, howTo);
  }
  return out;
}

} // namespace tether
