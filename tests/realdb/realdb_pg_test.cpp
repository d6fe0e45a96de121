// A hand-written PostgreSQL schema full of objects tether does not model goes through inspect,
// check, plan and apply without losing any of them.
#include "realdb/realdb_support.h"
#include "support.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether::test;

namespace {

// The statements pg_dump writes for what tether keeps verbatim (indexes, triggers, views,
// functions, domains, partitions, constraints), sorted: these must survive word for word.
std::string dumpedObjects(const std::string &url) {
  RunResult r = runShell("pg_dump --schema-only --no-owner --no-privileges " + shellQuote(url));
  REQUIRE(r.exitCode == 0);
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  std::string line;
  bool inStatement = false;
  std::string current;
  while (std::getline(in, line)) {
    bool starts = line.rfind("CREATE INDEX", 0) == 0 || line.rfind("CREATE UNIQUE INDEX", 0) == 0 ||
                  line.rfind("CREATE TRIGGER", 0) == 0 || line.rfind("CREATE VIEW", 0) == 0 ||
                  line.rfind("CREATE MATERIALIZED VIEW", 0) == 0 || line.rfind("CREATE FUNCTION", 0) == 0 ||
                  line.rfind("CREATE DOMAIN", 0) == 0 || line.rfind("CREATE EXTENSION", 0) == 0 ||
                  line.rfind("ALTER TABLE ONLY", 0) == 0 || line.rfind("ALTER TABLE ", 0) == 0 ||
                  line.rfind("CREATE SEQUENCE public.invoice", 0) == 0;
    if (!inStatement && starts) inStatement = true, current.clear();
    if (inStatement) {
      current += line + "\n";
      if (!line.empty() && line.back() == ';') {
        // Constraint names PostgreSQL made up and identity/serial spelling are not unmanaged objects.
        if (!has(current, "PRIMARY KEY") && !has(current, "FOREIGN KEY") && !has(current, "SET DEFAULT") &&
            !has(current, "OWNER") && !has(current, "ADD GENERATED") && !has(current, "ALTER COLUMN"))
          lines.push_back(current);
        inStatement = false;
      }
    }
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto &l : lines)
    out += l;
  return out;
}
} // namespace

TEST_CASE("realdb postgres: unmanaged objects round-trip through inspect, check, plan and apply",
          "[realdb][realdb-pg]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_unmanaged.sql"));

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  for (const char *name : {"customers_email_c", "bookings_room_id_during_excl", "events_2024", "events_2025",
                           "touch_customer()", "customers_touch", "live_customers", "customer_counts",
                           "us_postal_code", "invoice_numbers", "btree_gist"})
    CHECK(has(text, std::string("name: \"") + name + "\""));
  CHECK(has(text, "partition_by: \"RANGE (created_at)\""));
  // Partial, expression, GIN and DESC NULLS LAST indexes are modelled now, exactly.
  CHECK(has(text, "{columns: [{expression: \"lower(email)\"}], name: customers_email_lower, unique: true}"));
  CHECK(has(text, "{columns: [id], name: customers_live, where: \"deleted_at IS NULL\"}"));
  CHECK(has(text, "{columns: [tags], name: customers_tags, using: gin}"));
  CHECK(has(text, "{columns: [{column: \"email\", order: desc, nulls: last}], name: customers_email_desc}"));
  // A CHECK is modelled now, on the one column it reads.
  CHECK(has(text, "name: email_has_at"));
  CHECK_FALSE(has(text, "Events2024"));

  CHECK(expectRoundTrip(model, text, live.url(), fresh.url()).empty());
  CHECK(dumpedObjects(fresh.url()) == dumpedObjects(live.url()));
}

TEST_CASE("realdb postgres: a model that does not list them leaves unmanaged objects alone, even with "
          "--allow-destructive",
          "[realdb][realdb-pg]") {
  REQUIRE_PG();
  PgDatabase live;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_unmanaged.sql"));
  const std::string before = dumpedObjects(live.url());
  REQUIRE(runTether({"inspect", "--db", live.url(), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  dir.write("m.yaml", text.substr(0, text.find("\nunmanaged:")) + "\n");

  RunResult plan =
      runTether({"plan", "--models", model, "--db", live.url(), "--exit-code", "--allow-destructive"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK_FALSE(has(plan.out, "DROP"));
  CHECK(has(plan.out, "-- left alone: index customers_email_c on customers"));
  CHECK(has(plan.out, "-- left alone: partition events_2024 on events"));
  CHECK(has(plan.out, "-- left alone: exclude_constraint bookings_room_id_during_excl on bookings"));

  RunResult apply =
      runTether({"apply", "--models", model, "--db", live.url(), "--yes", "--allow-destructive"});
  CHECK(apply.exitCode == 0);
  CHECK(dumpedObjects(live.url()) == before);
}
