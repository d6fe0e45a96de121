// A whole product's schema, as big and as mixed as a real one (134 tables of a multi-tenant shop
// and its billing, support and platform tables), goes through the adoption round trip: the small
// fixtures each prove one construct, this one proves they still hold together at size.
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <string>

using namespace tether::test;

namespace {
// Plain tables only: partitions and the partitioned parent would pad the count.
int ordinaryTables(const std::string &url) {
  RunResult r =
      runShell("psql -X -tA " + shellQuote(url) +
               " -c \"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
               "WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT c.relispartition\"");
  REQUIRE(r.exitCode == 0);
  return std::stoi(r.out);
}
} // namespace

TEST_CASE("realdb postgres: a product-sized schema round-trips through inspect, check, plan and apply",
          "[realdb][realdb-pg][product]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_product.sql"));
  CHECK(ordinaryTables(live.url()) >= 100);

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  // A native enum, a domain the columns use (kept whole, unmanaged), generated columns including
  // a tsvector, a composite key with its action, a partition, a view and a trigger function.
  CHECK(has(text,
            "to_status: {type: \"Enum(pending, paid, fulfilled, cancelled, refunded, name=order_status)\""));
  CHECK(has(text, "kind: domain\n    name: \"email\"\n    definition: \"CREATE DOMAIN email AS text"));
  CHECK(has(text, "email: {type: {postgresql: \"email\"}, nullable: false}"));
  CHECK(has(text, "available: {type: Integer, computed: {sql: \"(on_hand - reserved)\", stored: true}}"));
  CHECK(
      has(text, "search_vector: {type: {postgresql: \"tsvector\"}, computed: {sql: \"to_tsvector('english'"));
  CHECK(has(text, "- {columns: [warehouse_id, variant_id], references: {table: inventory_levels, columns: "
                  "[warehouse_id, variant_id]}, on_delete: CASCADE"));
  CHECK(has(text, "kind: partition\n    name: \"page_views_2026_q1\"\n    table: \"page_views\""));
  CHECK(has(text, "kind: view\n    name: \"order_summaries\""));
  CHECK(has(text, "kind: materialized_view\n    name: \"daily_revenue\""));
  CHECK(has(text, "kind: index\n    name: \"daily_revenue_key\"\n    table: \"daily_revenue\""));
  CHECK(has(text, "on_delete: SET NULL (customer_id), name: orders_customer_fkey"));
  CHECK(
      has(text, "COMMENT ON VIEW active_subscriptions IS 'Subscriptions that bill this period; finance''s"));
  CHECK(has(text, "kind: function\n    name: \"audit_row_change()\""));
  CHECK(has(text, "{columns: [{expression: \"lower(email::text)\"}], name: users_email_lower, unique: true, "
                  "where: \"deleted_at IS NULL\"}"));

  CHECK(expectRoundTrip(model, text, live.url(), fresh.url()).empty());
  CHECK(pgSchemaDump(fresh.url()) == pgSchemaDump(live.url()));

  // Audit reads the same database without models: every table has a primary key and no index
  // repeats another, so those checks stay silent, and tables whose keys are all indexed (the
  // composite one included) are named in no finding, while an unindexed composite key is.
  RunResult audit = runTether({"audit", "--db", live.url()});
  INFO(audit.out + audit.err);
  // The data is clean: every key is checked (uuid keys too, which have no min()) and none has orphans.
  CHECK(audit.exitCode == 0);
  CHECK_FALSE(has(audit.out, "orphan check failed"));
  CHECK_FALSE(has(audit.out, "orphan_rows"));
  CHECK_FALSE(has(audit.out, "table_without_primary_key"));
  CHECK_FALSE(has(audit.out, "redundant_index"));
  CHECK_FALSE(has(audit.out, "foreign key order_items("));
  CHECK_FALSE(has(audit.out, "foreign key stock_movements("));
  CHECK(has(audit.out,
            "foreign key inventory_adjustments(warehouse_id, variant_id) -> inventory_levels has no index"));
}
