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
        "kind: index\n    name: \"events_2024_payload_idx\"",
        "kind: trigger\n    name: \"events_2024_audit\"", "kind: trigger\n    name: \"events_stamp\""})
    CHECK(has(text, entry));
  // What PostgreSQL clones from the parent comes back with the parent, not once per partition.
  for (const char *clone : {"events_2024_pkey", "events_2024_customer_id_idx", "events_2024_customer_id_fkey",
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
