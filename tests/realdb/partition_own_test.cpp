// A partition's own constraints, indexes and triggers (not the ones PostgreSQL clones from its
// parent) were left out of inspect, so a round trip dropped them without a word: a partition's key
// into another table, its CHECK, its partial index and its audit trigger.
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("realdb postgres: a partition's own keys, checks, indexes and triggers survive the round trip",
          "[realdb][realdb-pg][partitions]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_partition_own.sql"));

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  for (const char *entry :
       {"kind: foreign_key\n    name: \"events_2024_region_fkey\"\n    table: \"events_2024\"",
        "kind: check_constraint\n    name: \"events_2024_payload_check\"",
        "kind: unique_constraint\n    name: \"events_2025_h1_payload_key\"",
        "kind: foreign_key\n    name: \"events_2025_region_fkey\"\n    table: \"events_2025\"",
        "kind: index\n    name: \"events_2024_payload_idx\"",
        "kind: trigger\n    name: \"events_2024_audit\"", "kind: trigger\n    name: \"events_stamp\""})
    CHECK(has(text, entry));
  // What PostgreSQL clones from the parent comes back with the parent, not once per partition.
  for (const char *clone : {"events_2024_pkey", "events_2024_customer_id_idx", "events_2024_customer_id_fkey",
                            "name: \"events_2025_region_fkey\"\n    table: \"events_2025_h1\"",
                            "name: \"events_stamp\"\n    table: \"events_2024\""})
    CHECK_FALSE(has(text, clone));

  expectRoundTrip(model, text, live.url(), fresh.url());
  CHECK(pgSchemaDump(fresh.url()) == pgSchemaDump(live.url()));

  // Left alone by a model that does not list them, even with --allow-destructive.
  dir.write("bare.yaml", text.substr(0, text.find("\nunmanaged:")) + "\n");
  RunResult plan = runTether(
      {"plan", "--models", dir.file("bare.yaml"), "--db", live.url(), "--exit-code", "--allow-destructive"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(has(plan.out, "-- left alone: foreign_key events_2024_region_fkey on events_2024"));
}

namespace {
// The `fix` of the audit's one finding of `check` on `table`, read from its JSON report.
std::string auditFix(const std::string &url, const std::string &check, const std::string &table) {
  TempDir dir;
  dir.write("audit.json", runTether({"audit", "--db", url, "--format", "json"}).out);
  RunResult r =
      runShell("/usr/bin/python3 -c 'import json, sys; "
               "fs = [f for f in json.load(open(sys.argv[1]))[\"findings\"] if f[\"check\"] == sys.argv[2] "
               "and f[\"table\"] == sys.argv[3]]; print(fs[0][\"fix\"] if fs else \"\", end=\"\")' " +
               shellQuote(dir.file("audit.json")) + " " + shellQuote(check) + " " + shellQuote(table));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  return r.out;
}
} // namespace

TEST_CASE("realdb postgres: audit checks a partition's own keys, and its index fix for a partitioned "
          "table runs online",
          "[realdb][realdb-pg][partitions]") {
  REQUIRE_PG();
  PgDatabase live;
  loadPgSql(live.url(), fixture("realdb/pg_partition_own.sql"));
  // An orphan behind the partition's own key, let in as a restore with triggers off lets them in.
  RunResult planted =
      runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(live.url()) +
               " -c \"SET session_replication_role = replica; INSERT INTO regions VALUES ('eu');"
               " INSERT INTO events VALUES (1, '2024-03-01', NULL, 'mars', 'x'),"
               " (2, '2024-03-02', NULL, 'eu', 'y'), (3, '2025-09-01', NULL, 'venus', 'z')\""
               " -c 'DROP INDEX events_customer_idx'");
  INFO(planted.out);
  REQUIRE(planted.exitCode == 0);

  RunResult audit = runTether({"audit", "--db", live.url(), "--format", "json"});
  INFO(audit.out + audit.err);
  CHECK(audit.exitCode == 1);
  CHECK(has(audit.out, "\"table\": \"events_2024\""));
  CHECK(has(audit.out, "\"mars\""));
  CHECK_FALSE(has(audit.out, "\"eu\"")); // a row with its parent is no orphan
  // The sub-partitioned level's own key counts the rows of both its halves.
  CHECK(has(audit.out, "\"table\": \"events_2025\""));
  CHECK(has(audit.out, "\"venus\""));
  CHECK(auditFix(live.url(), "unindexed_foreign_key", "events_2024") ==
        "CREATE INDEX CONCURRENTLY \"ix_events_2024_region\" ON \"events_2024\" (\"region\");");

  // PostgreSQL builds no index on a partitioned table CONCURRENTLY: the fix indexes each partition
  // online and attaches it, and the parent's index is valid once the last one is attached.
  const std::string fix = auditFix(live.url(), "unindexed_foreign_key", "events");
  INFO(fix);
  CHECK(has(fix, "CREATE INDEX \"ix_events_customer_id\" ON ONLY \"events\" (\"customer_id\");"));
  CHECK(has(fix, "CREATE INDEX CONCURRENTLY \"ix_events_2025_h1_customer_id\" ON \"events_2025_h1\""));
  TempDir dir;
  dir.write("fix.sql", fix + "\n");
  RunResult ran = runShell("psql -X -v ON_ERROR_STOP=1 " + shellQuote(live.url()) + " < " +
                           shellQuote(dir.file("fix.sql")));
  INFO(ran.out);
  REQUIRE(ran.exitCode == 0);
  RunResult valid = runShell("psql -X -tA " + shellQuote(live.url()) +
                             " -c \"SELECT indisvalid FROM pg_index WHERE indexrelid = "
                             "'ix_events_customer_id'::regclass\"");
  CHECK(valid.out == "t\n");
  // The sub-partitioned level's key is served by an index on it: the same online recipe, one level
  // down, attaching each half's index.
  const std::string midFix = auditFix(live.url(), "unindexed_foreign_key", "events_2025");
  INFO(midFix);
  CHECK(has(midFix, "CREATE INDEX \"ix_events_2025_region\" ON ONLY \"events_2025\" (\"region\");"));
  CHECK(has(midFix, "ATTACH PARTITION \"ix_events_2025_h2_region\";"));
  CHECK(auditFix(live.url(), "unindexed_foreign_key", "events").empty());
}
