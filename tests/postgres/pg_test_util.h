#pragma once
// Helpers for the PostgreSQL tests: a fresh database per test, set up with psql (an independent
// client), opened through tether's own driver table.
#include "dialect/connection.h"
#include "drivers/open.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <memory>
#include <string>

namespace tether::test {

// Runs SQL through psql, failing the test if it fails.
inline void psql(const PgDatabase &db, const std::string &sql) {
  RunResult r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(db.url()) + " -c " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
}

// One value read back through psql (unaligned, tuples only).
inline std::string psqlValue(const PgDatabase &db, const std::string &sql) {
  RunResult r =
      runShell("psql -X -q -A -t -v ON_ERROR_STOP=1 " + shellQuote(db.url()) + " -c " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  std::string out = r.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out;
}

inline std::unique_ptr<Connection> openDb(const PgDatabase &db, const OpenOptions &opts = {}) {
  return openConnection(db.url(), opts);
}

} // namespace tether::test
