#pragma once
#include "core/diagnostic.h"
#include "core/source_loc.h"
#include <optional>
#include <string>
#include <vector>

namespace tether {

// One audit finding, as the CLI contract's JSON shape has it (../shared/spec/cli.md).
struct Finding {
  std::string check; // stable name: orphan_rows, unindexed_foreign_key, n_plus_one, …
  Severity severity = Severity::Warning;
  std::string table;
  std::vector<std::string> columns;
  std::string refTable; // "references", when the check is about an FK
  std::vector<std::string> refColumns;
  std::optional<long long> count;
  std::string message;
  SourceLoc location;                // model file position, or log file:line for n_plus_one
  std::string fix;                   // the SQL or code change that resolves it
  std::vector<std::string> examples; // sample key values, for orphans
  // n_plus_one
  std::string relationship;
  std::optional<long long> occurrences;
  std::optional<long long> sessions;
  std::optional<double> totalMs;
  std::string fingerprint;
  std::string example;
  std::string suggestion;
  // n_plus_one from statement statistics (pg_stat_statements): the lookup's calls and rows, and
  // the parent statement whose rows explain the calls, when one does
  std::optional<long long> calls;
  std::optional<long long> rows;
  std::string parentFingerprint;
  std::optional<long long> parentCalls;
  std::optional<long long> parentRows;
  std::string limitation; // what the source cannot tell, said instead of guessed
  bool timedOut = false;
};

} // namespace tether
