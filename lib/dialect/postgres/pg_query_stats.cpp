#include "dialect/postgres/pg_query_stats.h"
#include "core/strings.h"
#include "dialect/postgres/pg_quote.h"
#include <exception>

namespace tether::pg {

namespace {
const char *kEnable = "add shared_preload_libraries = 'pg_stat_statements' to postgresql.conf, restart the "
                      "server, then run CREATE EXTENSION pg_stat_statements; in this database";

std::string value(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}

long long toLong(const std::string &s) {
  try {
    return s.empty() ? 0 : std::stoll(s);
  } catch (const std::exception &) {
    return 0;
  }
}
} // namespace

QueryStatsRead readPgStatStatements(const CatalogQuery &run) {
  QueryStatsRead out;
  out.source = "pg_stat_statements";
  auto found = run("SELECT n.nspname, current_database(), current_user"
                   " FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace"
                   " WHERE e.extname = 'pg_stat_statements'",
                   {});
  if (found.empty()) {
    auto who = run("SELECT current_database()", {});
    std::string db = who.empty() ? std::string() : value(who[0], 0);
    // Only superusers and pg_read_all_settings may read the setting; without it, say everything.
    bool preloaded = false;
    try {
      auto libs = run("SELECT current_setting('shared_preload_libraries')", {});
      preloaded = !libs.empty() && value(libs[0], 0).find("pg_stat_statements") != std::string::npos;
    } catch (const std::exception &) {
    }
    out.unavailable =
        "pg_stat_statements is not installed in database " + db + ": " +
        (preloaded ? std::string("run CREATE EXTENSION pg_stat_statements; in it") : std::string(kEnable));
    return out;
  }
  std::string view = quoteIdent(value(found[0], 0)) + ".pg_stat_statements";
  out.role = value(found[0], 2);
  // PostgreSQL 13 (pg_stat_statements 1.8) split total_time into planning and execution time.
  auto cols =
      run("SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass($1)"
          " AND a.attname IN ('total_exec_time', 'total_time') AND NOT a.attisdropped",
          {view});
  std::string timeCol = "NULL::float8";
  for (const auto &c : cols)
    if (value(c, 0) == "total_exec_time" || timeCol == "NULL::float8") timeCol = quoteIdent(value(c, 0));
  std::vector<Row> rows;
  try {
    // Statements of other databases share the view; a role without pg_read_all_stats sees their
    // numbers but "<insufficient privilege>" for the text.
    rows =
        run("SELECT query, calls, rows, " + timeCol + " FROM " + view +
                " WHERE dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())",
            {});
  } catch (const std::exception &e) {
    std::string m = e.what();
    if (m.find("shared_preload_libraries") == std::string::npos) throw;
    out.unavailable = "pg_stat_statements is installed but not loaded: " + std::string(kEnable);
    return out;
  }
  out.available = true;
  out.statements.reserve(rows.size());
  for (const auto &r : rows) {
    StatementStat s;
    s.query = value(r, 0);
    if (s.query.empty() || s.query == "<insufficient privilege>") {
      ++out.hidden;
      continue;
    }
    s.calls = toLong(value(r, 1));
    s.rows = toLong(value(r, 2));
    try {
      s.totalMs = value(r, 3).empty() ? 0 : std::stod(value(r, 3));
    } catch (const std::exception &) {
      s.totalMs = 0;
    }
    out.statements.push_back(std::move(s));
  }
  return out;
}

} // namespace tether::pg
