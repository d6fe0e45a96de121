#pragma once
#include "dialect/postgres/pg_introspect.h"
#include "dialect/query_stats.h"

namespace tether::pg {

// pg_stat_statements for the current database: the view's schema and its time column
// (total_exec_time since 1.8 / PostgreSQL 13, total_time before) are read from the catalogs.
// Needs nothing but pg_read_all_stats (or superuser) to see every role's statement text.
// A missing extension, or one not preloaded, is reported in `unavailable` with how to enable it.
QueryStatsRead readPgStatStatements(const CatalogQuery &run);

} // namespace tether::pg
