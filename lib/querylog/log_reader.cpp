#include "querylog/log_reader.h"
#include "core/error.h"
#include "querylog/chunked_reader.h"
#include "querylog/line_source.h"
#include "querylog/log_parser.h"
#include "querylog/pipelined_sink.h"
#include "querylog/timestamp.h"
#include <algorithm>
#include <filesystem>
#include <sched.h>
#include <sys/stat.h>
#include <thread>
#include <vector>

namespace tether {

std::optional<LogFormat> parseLogFormat(std::string_view name) {
  if (name == "auto" || name.empty()) return LogFormat::Auto;
  if (name == "postgres" || name == "stderr") return LogFormat::Postgres;
  if (name == "postgres-csv" || name == "csvlog") return LogFormat::PostgresCsv;
  if (name == "postgres-json" || name == "jsonlog") return LogFormat::PostgresJson;
  if (name == "sqlalchemy") return LogFormat::SqlAlchemy;
  if (name == "sql") return LogFormat::Sql;
  return std::nullopt;
}

const char *logFormatName(LogFormat f) {
  switch (f) {
  case LogFormat::Auto:
    return "auto";
  case LogFormat::Postgres:
    return "postgres";
  case LogFormat::PostgresCsv:
    return "postgres-csv";
  case LogFormat::PostgresJson:
    return "postgres-json";
  case LogFormat::SqlAlchemy:
    return "sqlalchemy";
  case LogFormat::Sql:
    return "sql";
  }
  return "auto";
}

namespace {

constexpr size_t kSampleLines = 200;
constexpr size_t kSampleBytes = 256 * 1024;
// A chunk is parsed in a few milliseconds, and a few of them per thread are all the memory it takes.
constexpr size_t kChunkBytes = 2u << 20;
// The sink (the N+1 detector) runs on one thread: past a few parsing threads it is the bound.
constexpr int kMaxAutoThreads = 4;

// The cores this process may run on (taskset, cgroup cpusets), which hardware_concurrency ignores.
int usableCores() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return static_cast<int>(std::thread::hardware_concurrency());
}

bool startsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool istartsWithWord(std::string_view s, std::string_view w) {
  if (s.size() < w.size()) return false;
  for (size_t i = 0; i < w.size(); ++i)
    if ((s[i] | 0x20) != w[i]) return false;
  return s.size() == w.size() || !((s[w.size()] | 0x20) >= 'a' && (s[w.size()] | 0x20) <= 'z');
}

bool looksLikeSql(std::string_view l) {
  static const char *const kStarts[] = {"select",    "insert",   "update",  "delete", "with",     "begin",
                                        "commit",    "rollback", "create",  "alter",  "drop",     "set",
                                        "values",    "explain",  "start",   "end",    "truncate", "copy",
                                        "merge",     "prepare",  "execute", "show",   "grant",    "revoke",
                                        "savepoint", "release",  "call",    "do",     "analyze"};
  for (const char *w : kStarts)
    if (istartsWithWord(l, w)) return true;
  return false;
}

bool binary(const std::vector<std::string> &sample) {
  size_t control = 0, total = 0;
  for (const auto &l : sample) {
    total += l.size() + 1;
    for (unsigned char c : l)
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != 0x1b) ++control;
  }
  return control > 0 && control * 100 > total; // more than 1% control bytes is not a text log
}

// "2024-05-01 10:00:00.123 UTC,\"user\",…": the first line of a csvlog record.
bool csvRecordStart(const std::string &l) {
  size_t used = 0;
  if (parseTimestampMs(l, used) < 0) return false;
  size_t comma = l.find(',', used);
  size_t space = l.find(' ', used + 1);
  return comma != std::string::npos && (space == std::string::npos || comma < space) &&
         l.find(",\"", used) != std::string::npos;
}

// The format of a log from its first lines; Auto when none fits. For a csvlog, `csvStart` is the
// sample line where its first whole record starts.
LogFormat detect(const std::vector<std::string> &sample, std::optional<LogLinePrefix> &prefix,
                 size_t &csvStart) {
  const std::string *first = nullptr;
  for (const auto &l : sample)
    if (!l.empty()) {
      first = &l;
      break;
    }
  if (!first) return LogFormat::Auto;
  if ((*first)[0] == '{' && first->find("\"error_severity\"") != std::string::npos)
    return LogFormat::PostgresJson;
  if (csvRecordStart(*first)) return LogFormat::PostgresCsv;
  // Only record heads count: the lines of one long multi-line statement may fill the whole sample.
  size_t sqla = 0, considered = 0;
  for (const auto &l : sample) {
    if (l.empty()) continue;
    size_t at = l.find("sqlalchemy.engine");
    // The logger's name as a log record writes it, not as code mentions it (getLogger("…")).
    if (at != std::string::npos && (at == 0 || l[at - 1] == ' ' || l[at - 1] == ':' || l[at - 1] == '[')) {
      ++sqla;
      ++considered;
    } else if (size_t used = 0; parseTimestampMs(l, used) >= 0) {
      ++considered;
    }
  }
  if (sqla > 0 && sqla * 10 >= considered) return LogFormat::SqlAlchemy;
  // A csvlog cut inside a quoted field (`tail -n`): its first lines end a statement; records follow.
  size_t used = 0;
  if (parseTimestampMs(*first, used) < 0) {
    for (size_t k = 0; k < sample.size(); ++k)
      if (csvRecordStart(sample[k])) {
        csvStart = k;
        return LogFormat::PostgresCsv;
      }
  }
  prefix = LogLinePrefix::detect(sample);
  if (prefix) return LogFormat::Postgres;
  for (const auto &l : sample) {
    std::string_view t = l;
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t'))
      t.remove_prefix(1);
    if (t.empty() || startsWith(t, "--")) continue;
    return looksLikeSql(t) ? LogFormat::Sql : LogFormat::Auto;
  }
  return LogFormat::Auto;
}

Error notALog(const std::string &name, const std::string &why) {
  return Error(name + " is not a query log: " + why, SourceLoc{name, 0, 0},
               "tether reads PostgreSQL stderr logs, csvlog, jsonlog, SQLAlchemy engine logs and plain SQL; "
               "name the format with --log-format, and for a stderr log with an unusual log_line_prefix give "
               "--log-prefix '<its log_line_prefix>'");
}

// How many threads may read a log: 1 for the caller's thread alone.
struct Parallelism {
  int threads = 1;
  size_t chunkBytes = 0;
};

LogReadStats readFrom(LineSource &src, const std::string &name, const LogReadOptions &opts,
                      StatementSink &sink, const std::function<void(long long)> &progress = {},
                      Parallelism par = {}) {
  LogReadStats stats;
  std::vector<std::string> sample;
  std::vector<long> sampleLineNo;
  std::string_view l;
  size_t bytes = 0;
  bool more = true;
  while (sample.size() < kSampleLines && bytes < kSampleBytes) {
    if (!src.next(l)) {
      more = false;
      break;
    }
    bytes += l.size();
    sample.emplace_back(withoutLeadingNuls(l));
  }
  if (binary(sample)) throw notALog(name, "it holds binary data");

  std::optional<LogLinePrefix> prefix;
  size_t csvStart = 0;
  LogFormat format = opts.format;
  if (format == LogFormat::Postgres && !opts.logPrefix.empty()) prefix.emplace(opts.logPrefix);
  if (format == LogFormat::Auto) {
    if (!opts.logPrefix.empty()) {
      prefix.emplace(opts.logPrefix);
      format = LogFormat::Postgres;
    } else {
      format = detect(sample, prefix, csvStart);
    }
    bool empty = true;
    for (const auto &s : sample)
      if (!s.empty()) empty = false;
    if (empty) { // an empty log is a log with nothing in it
      stats.lines = static_cast<long long>(sample.size());
      return stats;
    }
    if (format == LogFormat::Auto)
      throw notALog(name, "its first lines match no known format (first line: \"" +
                              (sample.empty() ? std::string() : sample[0].substr(0, 80)) + "\")");
  } else if (format == LogFormat::Postgres && !prefix) {
    prefix = LogLinePrefix::detect(sample);
    if (!prefix && !sample.empty()) throw notALog(name, "no common log_line_prefix fits its lines");
  }

  if (format == LogFormat::Auto) format = LogFormat::Sql;
  LogLinePrefix stderrPrefix = prefix ? *prefix : LogLinePrefix("%p ");
  auto makeParser = [&](StatementSink &to) -> std::unique_ptr<LogParser> {
    switch (format) {
    case LogFormat::Postgres:
      return makePostgresStderrParser(to, name, stderrPrefix);
    case LogFormat::PostgresCsv:
      return makePostgresCsvParser(to, name);
    case LogFormat::PostgresJson:
      return makePostgresJsonParser(to, name);
    case LogFormat::SqlAlchemy:
      return makeSqlAlchemyParser(to, name);
    case LogFormat::Sql:
    case LogFormat::Auto:
      break;
    }
    return makePlainSqlParser(to, name);
  };
  stats.format = format;
  if (prefix) stats.logPrefix = prefix->spec();

  // stderr logs and jsonlog split where a record starts afresh; a csvlog record's quoted fields
  // may hold lines that look like records, so csvlog (and the rest) keeps one parser.
  struct stat st {};
  if (par.threads >= 2 && src.plainRegularFile() &&
      (format == LogFormat::Postgres || format == LogFormat::PostgresJson) && ::fstat(src.fd(), &st) == 0 &&
      st.st_size > 0 && src.offset() <= st.st_size) { // not a file whose size says nothing (/proc)
    sample.clear();
    sample.shrink_to_fit();
    ChunkedReadStats c =
        readChunked(src.fd(), name, st.st_size, makeParser, par.threads, par.chunkBytes, sink, progress);
    stats.lines = c.lines;
    stats.statements = c.statements;
    stats.skipped = c.skipped;
    stats.chunks = c.chunks;
    if (c.recognized == 0 && stats.skipped > 0)
      throw notALog(name, std::string("no line of it is a ") + logFormatName(format) + " log record");
    return stats;
  }
  std::unique_ptr<PipelinedSink> pipe;
  if (par.threads >= 2) pipe = std::make_unique<PipelinedSink>(sink);
  std::unique_ptr<LogParser> parser = makeParser(pipe ? *pipe : sink);

  long lineNo = 0;
  long long cutOff = 0;
  for (const auto &s : sample) {
    if (static_cast<size_t>(lineNo) < csvStart) { // the end of a record whose start is not in the file
      ++lineNo;
      ++cutOff;
      continue;
    }
    parser->line(s, ++lineNo);
  }
  sample.clear();
  sample.shrink_to_fit();
  if (more)
    while (src.next(l)) {
      long n = src.lineNumber();
      parser->line(!l.empty() && l[0] == '\0' ? withoutLeadingNuls(l) : l, n);
      if ((n & 0xFFFFF) == 0 && progress) progress(n);
    }
  parser->finish();
  if (pipe) pipe->drain(); // the caller's sink has every event when this returns, as without the thread
  stats.lines = src.lineNumber();
  stats.statements = parser->statements();
  stats.skipped = parser->skipped() + cutOff;
  stats.truncatedGzip = src.truncatedGzip();
  if (parser->recognized() == 0 && stats.skipped > 0)
    throw notALog(name, std::string("no line of it is a ") + logFormatName(format) + " log record");
  return stats;
}

} // namespace

LogReadStats readQueryLog(const std::string &path, const LogReadOptions &opts, StatementSink &sink,
                          const std::function<void(long long lines)> &progress) {
  LineSource src(path);
  Parallelism par;
  par.threads = opts.threads;
  par.chunkBytes = opts.chunkBytes > 0 ? opts.chunkBytes : kChunkBytes;
  if (opts.threads == 0) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    int cores = usableCores();
    par.threads = !ec && size >= (16u << 20) && cores >= 2 ? std::min(cores, kMaxAutoThreads) : 1;
  }
  return readFrom(src, path, opts, sink, progress, par);
}

LogReadStats readQueryLogText(std::string_view text, const std::string &name, const LogReadOptions &opts,
                              StatementSink &sink) {
  LineSource src(text);
  return readFrom(src, name, opts, sink);
}

} // namespace tether
