#pragma once
#include "dialect/query_stats.h"
#include <string>

namespace tether {

// A saved pg_stat_statements snapshot: `\copy (SELECT * FROM pg_stat_statements) TO 'FILE' CSV
// HEADER`, from PostgreSQL 12 (total_time) or 13+ (total_exec_time). Only the columns query, calls,
// rows and the time column are needed, in any order. Throws Error (exit 2) for an unreadable file
// or one without those columns.
QueryStatsRead readQueryStatsCsv(const std::string &path);

} // namespace tether
