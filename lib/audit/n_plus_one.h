#pragma once
#include "audit/finding.h"
#include "model/model.h"
#include "querylog/log_reader.h"
#include <functional>
#include <string>
#include <vector>

namespace tether {

struct NPlusOneOptions {
  int threshold = 5;           // repeated executions (with different values) in one unit of work
  double idleGapSeconds = 1.0; // without transactions in the log, silence that ends a unit of work
  LogFormat format = LogFormat::Auto;
  std::string logPrefix; // PostgreSQL stderr log_line_prefix ("%m [%p] %q%u@%d "), "" = detect
  int threads = 0;       // LogReadOptions::threads: 0 uses both cores on large files
  size_t chunkBytes = 0; // LogReadOptions::chunkBytes
  // Progress while reading a large log: the file and the lines read so far.
  std::function<void(const std::string &file, long long lines)> progress;
};

struct NPlusOneStats {
  long long files = 0;
  long long lines = 0;
  long long statements = 0;
  long long skipped = 0; // malformed or truncated lines, skipped
  long long shapes = 0;  // distinct statement shapes
  std::vector<LogReadStats> perFile;
};

// Reads the query logs in order (plain or .gz, format detected unless given) and reports every
// N+1 pattern as a finding of check "n_plus_one", named by the relationship of `model` (may be
// null) that it loads. Throws Error (exit 2) for an unreadable file or one that is not a query log.
std::vector<Finding> detectNPlusOne(const std::vector<std::string> &files, const NPlusOneOptions &opts,
                                    const Model *model, NPlusOneStats *stats = nullptr);

} // namespace tether
