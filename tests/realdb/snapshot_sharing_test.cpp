// Introspection reads the keys and indexes on a second connection that imports the first one's
// snapshot. Where pg_export_snapshot cannot run (a role without the right, a proxy without the
// function), one connection reads everything in turn: the same schema either way.
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
void psql(const std::string &url, const std::string &sql) {
  RunResult r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(url) + " -c " + shellQuote(sql));
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0);
}
std::string asRole(const std::string &url, const std::string &role, const std::string &password) {
  return "postgresql://" + role + ":" + password + url.substr(url.find('@'));
}
} // namespace

TEST_CASE("realdb postgres: the product schema reads the same through two connections and through one",
          "[realdb][realdb-pg][snapshot]") {
  REQUIRE_PG();
  PgDatabase live;
  TempDir dir;
  loadPgSql(live.url(), fixture("realdb/pg_product.sql"));
  const std::string shared = inspectInto(live.url(), dir.file("shared.yaml"));

  // A role that may not export a snapshot: its introspection falls back to one connection.
  const std::string role = "reader_" + live.name();
  psql(live.url(), "CREATE ROLE " + role +
                       " LOGIN PASSWORD 'reader-pw';"
                       "REVOKE EXECUTE ON FUNCTION pg_catalog.pg_export_snapshot() FROM PUBLIC");
  const std::string reader = asRole(live.url(), role, "reader-pw");
  RunResult refused = runShell("psql -X -q " + shellQuote(reader) +
                               " -c 'BEGIN ISOLATION LEVEL REPEATABLE "
                               "READ; SELECT pg_export_snapshot()'");
  CHECK(refused.exitCode != 0); // the fallback is what the next read exercises
  RunResult one = runTether({"inspect", "--db", reader});
  INFO(one.err);
  REQUIRE(one.exitCode == 0);
  CHECK(one.out == shared);
  CHECK(one.err.find("reader-pw") == std::string::npos);

  // And the models plan clean through either path.
  for (const std::string &url : {live.url(), reader}) {
    RunResult plan = runTether({"plan", "--models", dir.file("shared.yaml"), "--db", url, "--exit-code"});
    INFO(plan.out + plan.err);
    CHECK(plan.exitCode == 0);
  }
  psql(live.url(), "GRANT EXECUTE ON FUNCTION pg_catalog.pg_export_snapshot() TO PUBLIC; DROP OWNED BY " +
                       role + "; DROP ROLE " + role);
}
