// Identity and generated (computed) columns written by hand as DBAs write them: inspect models them,
// the model round-trips (check, plan with nothing to do, apply to an empty database, the same
// catalog), and changes to them plan and apply as the message says.
#include "postgres/pg_test_util.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether::test;

namespace {
bool has(const std::string &text, const std::string &what) {
  return text.find(what) != std::string::npos;
}

// pg_dump's schema, the comment and SET lines aside: two databases built alike print alike.
std::string schemaDump(const std::string &url) {
  RunResult r = runShell("pg_dump --schema-only --no-owner --no-privileges " + shellQuote(url));
  REQUIRE(r.exitCode == 0);
  std::istringstream in(r.out);
  std::string line, out;
  while (std::getline(in, line))
    if (!line.empty() && line.rfind("--", 0) != 0 && line.rfind("SET ", 0) != 0 &&
        line.rfind("SELECT ", 0) != 0 && line.rfind("\\restrict", 0) != 0 &&
        line.rfind("\\unrestrict", 0) != 0)
      out += line + "\n";
  return out;
}

std::string sqliteSchema(const std::string &path) {
  RunResult r = runShell("sqlite3 " + shellQuote(path) +
                         " \"SELECT m.name || '.' || p.name || ' ' || p.type || ' hidden=' || p.hidden "
                         "FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' "
                         "ORDER BY 1\"");
  REQUIRE(r.exitCode == 0);
  return r.out;
}

void replaceOnce(std::string &text, const std::string &from, const std::string &to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}
} // namespace

TEST_CASE(
    "generated values postgres: identity and computed columns round-trip through inspect, plan and apply",
    "[realdb][realdb-pg][generated]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  RunResult load = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(live.url()) + " -f " +
                            shellQuote(fixture("realdb/pg_generated.sql")));
  REQUIRE(load.exitCode == 0);

  RunResult inspect = runTether({"inspect", "--db", live.url(), "-o", model});
  INFO(inspect.err);
  REQUIRE(inspect.exitCode == 0);
  const std::string text = readFile(model);
  INFO(text);
  CHECK(has(text, "identity: {always: true}"));
  CHECK(has(text, "identity: {start: 1000, increment: 10}"));
  CHECK(has(text, "computed: {sql: \"(price * (qty)::numeric)\", stored: true}"));
  CHECK_FALSE(has(text, "server_default: {sql: \"(price"));

  RunResult check = runTether({"check", "--models", model});
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", live.url(), "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(plan.out.empty());

  RunResult apply = runTether({"apply", "--models", model, "--db", fresh.url(), "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(schemaDump(fresh.url()) == schemaDump(live.url()));
  CHECK(runTether({"inspect", "--db", fresh.url()}).out == text);

  // The identity numbers rows from 1000 by 10 and refuses explicit ids where it is ALWAYS.
  psql(fresh, "INSERT INTO products (sku, price, qty) VALUES ('A-1', 2.50, 4)");
  psql(fresh, "INSERT INTO invoices (product_id, amount) VALUES (1, 10.25), (1, 1)");
  CHECK(psqlValue(fresh, "SELECT string_agg(id::text, ',' ORDER BY id) FROM invoices") == "1000,1010");
  CHECK(psqlValue(fresh, "SELECT stock_value || ' ' || sku_key FROM products") == "10.00 a-1-4");
  CHECK(runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(fresh.url()) +
                 " -c \"INSERT INTO products (id, sku, price) VALUES (7, 'x', 1)\"")
            .exitCode != 0);
}

TEST_CASE("generated values postgres: identity and computed changes plan and apply as they say",
          "[realdb][realdb-pg][generated]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  psql(db, "CREATE TABLE items (id serial PRIMARY KEY, price numeric NOT NULL, qty integer NOT NULL, "
           "total numeric GENERATED ALWAYS AS (price * qty) STORED CHECK (total >= 0), legacy numeric "
           "GENERATED ALWAYS AS "
           "(price) STORED)");
  psql(db, "INSERT INTO items (price, qty) VALUES (2, 3), (5, 1)");
  REQUIRE(runTether({"inspect", "--db", db.url(), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  INFO(text);
  // serial -> identity; a changed expression; a computed column made plain (its values stay).
  replaceOnce(text, "id: {type: Integer, primary_key: true}",
              "id: {type: Integer, primary_key: true, identity: true}");
  replaceOnce(text, "(price * (qty)::numeric)", "price * qty + 1");
  replaceOnce(text, ", computed: {sql: \"price\", stored: true}", "");
  dir.write("m.yaml", text);

  RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  CHECK(has(plan.out, "ALTER COLUMN \"id\" ADD GENERATED BY DEFAULT AS IDENTITY"));
  CHECK(has(plan.out, "ALTER COLUMN \"legacy\" DROP EXPRESSION"));
  CHECK(has(plan.out, "DROP COLUMN \"total\""));
  CHECK(has(plan.out, "-- alter column items.total: computed as price * qty + 1"));
  // PostgreSQL drops the CHECK on the column with it: the same plan puts it back.
  CHECK(has(plan.out, "CHECK (total >= "));
  CHECK(has(plan.out, "GENERATED ALWAYS AS (price * qty + 1) STORED"));

  // Not destructive: a computed column's values come back from the row.
  RunResult apply = runTether({"apply", "--models", model, "--db", db.url(), "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
  CHECK(psqlValue(db, "SELECT string_agg(total::text || '/' || legacy::text, ',' ORDER BY id) FROM items") ==
        "7/2,6/5");
  psql(db, "INSERT INTO items (price, qty) VALUES (1, 1)");
  CHECK(psqlValue(db, "SELECT max(id) FROM items") == "3");
  CHECK(
      psqlValue(
          db, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'items'::regclass AND attname = 'id'") ==
      "d");

  // Back to ALWAYS, then the identity dropped for a serial again.
  text = readFile(model);
  replaceOnce(text, "identity: true", "identity: {always: true}");
  dir.write("m.yaml", text);
  plan = runTether({"plan", "--models", model, "--db", db.url()});
  CHECK(has(plan.out, "SET GENERATED ALWAYS"));
  REQUIRE(runTether({"apply", "--models", model, "--db", db.url(), "--yes"}).exitCode == 0);
  replaceOnce(text, ", identity: {always: true}", "");
  dir.write("m.yaml", text);
  RunResult back = runTether({"apply", "--models", model, "--db", db.url(), "--yes"});
  INFO(back.out + back.err);
  REQUIRE(back.exitCode == 0);
  CHECK(has(back.out, "DROP IDENTITY"));
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
  psql(db, "INSERT INTO items (price, qty) VALUES (1, 1)");
  CHECK(psqlValue(db, "SELECT max(id) FROM items") == "4");
}

TEST_CASE("generated values sqlite: virtual and stored columns round-trip, and a rebuild keeps them",
          "[realdb][realdb-sqlite][generated]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), fresh = dir.file("fresh.db"), model = dir.file("m.yaml");
  RunResult load =
      runShell("sqlite3 " + shellQuote(live) + " < " + shellQuote(fixture("realdb/sqlite_generated.sql")));
  REQUIRE(load.exitCode == 0);
  RunResult inspect = runTether({"inspect", "--db", "sqlite:///" + live, "-o", model});
  INFO(inspect.err);
  REQUIRE(inspect.exitCode == 0);
  std::string text = readFile(model);
  INFO(text);
  CHECK(has(text, "computed: {sql: \"price * qty\"}"));
  CHECK(has(text, "computed: {sql: \"lower(sku) || '-' || qty\", stored: true}"));
  CHECK(runTether({"check", "--models", model}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", "sqlite:///" + live, "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  REQUIRE(runTether({"apply", "--models", model, "--db", "sqlite:///" + fresh, "--yes"}).exitCode == 0);
  CHECK(sqliteSchema(fresh) == sqliteSchema(live));

  // A change that needs a rebuild keeps the generated columns and the rows.
  REQUIRE(runShell("sqlite3 " + shellQuote(live) +
                   " \"INSERT INTO products (sku, price, qty) VALUES ('A', 2.5, 4)\"")
              .exitCode == 0);
  replaceOnce(text, "sku: {type: Text, nullable: false}", "sku: {type: Text}");
  dir.write("m.yaml", text);
  RunResult apply = runTether({"apply", "--models", model, "--db", "sqlite:///" + live, "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(has(apply.out, "_tether_new_products"));
  CHECK(runTether({"plan", "--models", model, "--db", "sqlite:///" + live, "--exit-code"}).exitCode == 0);
  RunResult row =
      runShell("sqlite3 " + shellQuote(live) + " \"SELECT stock_value || ' ' || sku_key FROM products\"");
  CHECK(row.out == "10 a-4\n");
}

TEST_CASE("generated values: the loader reads identity and computed, and refuses what the database would",
          "[model][generated]") {
  TempDir dir;
  dir.write("bad.yaml", "models:\n"
                        "  Item:\n"
                        "    table: items\n"
                        "    columns:\n"
                        "      id: {type: Integer, primary_key: true}\n"
                        "      code: {type: String(10), identity: true}\n"
                        "      total: {type: Integer, computed: \"qty * 2\", server_default: 0}\n"
                        "      seq: {type: Integer, identity: {increment: 0}}\n"
                        "      odd: {type: Integer, computed: {stored: true}}\n");
  RunResult r = runTether({"check", "--models", dir.file("bad.yaml")});
  INFO(r.out + r.err);
  CHECK(r.exitCode != 0);
  CHECK(has(r.out + r.err, "bad.yaml:6:7"));
  CHECK(has(r.out + r.err, "identity column items.code needs an integer type"));
  CHECK(has(r.out + r.err, "bad.yaml:7:7"));
  CHECK(has(r.out + r.err, "is computed and cannot also have a server default"));
  CHECK(has(r.out + r.err, "cannot be zero"));
  CHECK(has(r.out + r.err, "needs sql:"));
}
