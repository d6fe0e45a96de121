#pragma once
#include "audit/finding.h"
#include "dialect/query_stats.h"
#include "model/model.h"
#include <vector>

namespace tether {

struct QueryStatsOptions {
  int threshold = 5; // calls of a relationship's lookup below this are not reported
};

// N+1 patterns in per-statement statistics (pg_stat_statements, live or a saved snapshot): each
// lookup shape that loads a relationship of `model` (mapped exactly as the log detector maps it)
// and ran at least `threshold` times becomes an n_plus_one finding, with the statement over the
// relationship owner's table whose rows explain its calls when there is one. Ranked by total time.
std::vector<Finding> detectNPlusOneInStats(const QueryStatsRead &stats, const Model &model,
                                           const QueryStatsOptions &opts = {});

} // namespace tether
