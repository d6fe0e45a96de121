#pragma once
#include <string>
#include <vector>

namespace tether {

// One normalised statement as a database's statistics keep it (pg_stat_statements), summed since
// the statistics were last reset.
struct StatementStat {
  std::string query; // normalised text: values as $1, $2…
  long long calls = 0;
  long long rows = 0;
  double totalMs = 0;
  long line = 0; // the record's line in a snapshot file; 0 when read from a live database
};

// What a database could tell about its statements. When it keeps none (the extension is not
// installed or not loaded), `unavailable` says why and how to enable it, in one line.
struct QueryStatsRead {
  bool available = false;
  std::string unavailable;
  std::string source;   // where the numbers came from: "pg_stat_statements" or a file
  long long hidden = 0; // statements whose text the role may not see (no pg_read_all_stats)
  std::string role;     // the role that read them, for the hint about `hidden`
  std::vector<StatementStat> statements;
};

} // namespace tether
