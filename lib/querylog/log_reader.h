#pragma once
#include "querylog/statement_event.h"
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace tether {

enum class LogFormat { Auto, Postgres, PostgresCsv, PostgresJson, SqlAlchemy, Sql };

// "postgres", "postgres-csv", "postgres-json", "sqlalchemy", "sql" (and "auto"); nullopt otherwise.
std::optional<LogFormat> parseLogFormat(std::string_view name);
const char *logFormatName(LogFormat f);

struct LogReadOptions {
  LogFormat format = LogFormat::Auto;
  std::string logPrefix; // PostgreSQL stderr: log_line_prefix, as pgBadger's --prefix; "" = detect
  // 1: one thread. N >= 2: an uncompressed stderr log or jsonlog file is parsed in chunks on N
  // threads while the sink runs on this one; other logs are parsed on this thread while the sink
  // runs on another. Either way the sink sees the events of a one-thread read, in the same order.
  // 0: the cores this process may use (at most 4) for files of 16 MiB or more, else 1.
  int threads = 0;
  size_t chunkBytes = 0; // the chunks of a parallel read; 0: 2 MiB (tests make it small)
};

struct LogReadStats {
  std::string file;
  LogFormat format = LogFormat::Auto; // what was read (detected or given)
  std::string logPrefix;              // the prefix used, for stderr logs
  long long lines = 0;
  long long statements = 0;
  long long skipped = 0;      // malformed or truncated lines/records, skipped
  bool truncatedGzip = false; // the .gz ended before its end marker: the rest of the log is missing
  long long chunks = 0;       // chunks parsed in parallel; 0 when one parser read the whole file
};

// Streams one log file (plain or .gz) to `sink`. Memory does not grow with the file. Throws Error
// (exit 2) when the file cannot be read or is not a query log of a known (or the given) format.
// `progress`, when given, is called every million lines or so with the lines read so far.
LogReadStats readQueryLog(const std::string &path, const LogReadOptions &opts, StatementSink &sink,
                          const std::function<void(long long lines)> &progress = {});
// The same for a log held in memory (tests, fuzzing); `name` is the file named in events and errors.
LogReadStats readQueryLogText(std::string_view text, const std::string &name, const LogReadOptions &opts,
                              StatementSink &sink);

} // namespace tether
