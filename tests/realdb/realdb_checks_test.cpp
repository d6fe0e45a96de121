// CHECK constraints and named primary keys written by hand (raw DDL, as DBAs write them) round-trip
// through inspect, check, plan and apply on both databases, and a model's own checks show no drift
// against what the database prints back.
#include "realdb/realdb_support.h"
#include "support.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether::test;

namespace {

std::string sqliteUrl(const std::string &path) {
  return "sqlite:///" + path;
}

// Every `[CONSTRAINT name] CHECK (…)` and `CONSTRAINT name PRIMARY KEY` clause of the stored CREATE
// TABLE texts, per table, in order: SQLite keeps them word for word.
std::string sqliteConstraints(const std::string &db) {
  RunResult r =
      runShell("sqlite3 " + shellQuote(db) +
               " \"SELECT name || char(1) || sql FROM sqlite_master WHERE type = 'table' ORDER BY name\"");
  REQUIRE(r.exitCode == 0);
  std::string out, all;
  // tether quotes the names it writes; the DBA did not.
  for (char c : r.out)
    if (c != '"') all += c;
  size_t at = 0;
  while ((at = all.find("CHECK (", at)) != std::string::npos) {
    size_t start = at;
    size_t c = all.rfind("CONSTRAINT", at);
    if (c != std::string::npos && all.find_first_of(",(\n", c) > at) start = c;
    int depth = 0;
    size_t i = at + 6;
    for (; i < all.size(); ++i) {
      if (all[i] == '(') ++depth;
      if (all[i] == ')' && --depth == 0) break;
    }
    out += all.substr(start, i + 1 - start) + "\n";
    at = i;
  }
  for (size_t p = all.find("PRIMARY KEY"); p != std::string::npos; p = all.find("PRIMARY KEY", p + 1)) {
    size_t c = all.rfind("CONSTRAINT", p);
    if (c != std::string::npos && p - c < 40) out += all.substr(c, p - c) + "PRIMARY KEY\n";
  }
  return out;
}

// pg_dump's CHECK and PRIMARY KEY lines, sorted: names and expressions as the server holds them.
std::string pgConstraints(const std::string &url) {
  RunResult r = runShell("pg_dump --schema-only --no-owner --no-privileges " + shellQuote(url));
  REQUIRE(r.exitCode == 0);
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!has(line, "CHECK (") && !has(line, "PRIMARY KEY")) continue;
    while (!line.empty() && (line.back() == ',' || line.back() == ' '))
      line.pop_back();
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto &l : lines)
    out += l + "\n";
  return out;
}
} // namespace

TEST_CASE("realdb checks sqlite: hand-written CHECKs and a named primary key round-trip",
          "[realdb][realdb-sqlite][checks]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), fresh = dir.file("fresh.db"), model = dir.file("m.yaml");
  loadSqliteSql(live, fixture("realdb/sqlite_checks.sql"));

  const std::string text = inspectInto(sqliteUrl(live), model);
  INFO(text);
  CHECK(has(text, "check: \"length(sku) BETWEEN 3 AND 32\""));
  CHECK(has(text, "check: {sql: \"price > 0\", name: price_positive}"));
  CHECK(has(text, "- {name: discount_below_price, sql: \"discount IS NULL OR discount < price\"}"));
  CHECK(has(text, "- {sql: \"sku <> ''\"}"));
  CHECK(has(text, "primary_key: {name: pk_tags, columns: [name]}"));

  expectRoundTrip(model, text, sqliteUrl(live), sqliteUrl(fresh));
  CHECK(sqliteConstraints(fresh) == sqliteConstraints(live));
  // The rebuilt database enforces them.
  RunResult bad =
      runShell("sqlite3 " + shellQuote(fresh) + " \"INSERT INTO products (sku, price) VALUES ('abcd', -1)\"");
  CHECK(bad.exitCode != 0);
  CHECK(has(bad.out + bad.err, "price_positive"));
}

TEST_CASE("realdb checks sqlite: a table rebuild keeps the table's CHECKs, adds and drops them",
          "[realdb][realdb-sqlite][checks]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), model = dir.file("m.yaml");
  loadSqliteSql(live, fixture("realdb/sqlite_checks.sql"));
  REQUIRE(runTether({"inspect", "--db", sqliteUrl(live), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  const std::string from = "discount: {type: Numeric}";
  REQUIRE(has(text, from));
  text.replace(text.find(from), from.size(), "discount: {type: Numeric, check: \"discount >= 0\"}");
  const std::string gone = "      - {sql: \"sku <> ''\"}\n";
  REQUIRE(has(text, gone));
  text.erase(text.find(gone), gone.size());
  dir.write("m.yaml", text);

  RunResult plan = runTether({"plan", "--models", model, "--db", sqliteUrl(live), "--allow-destructive"});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  CHECK(has(plan.out, "rebuild table products: drop check constraint products (sku <> ''); add check "
                      "constraint products (discount >= 0)"));
  CHECK(has(plan.out, "CONSTRAINT \"price_positive\" CHECK (price > 0)"));
  // Without --allow-destructive the lost CHECK is not dropped.
  RunResult safe = runTether({"plan", "--models", model, "--db", sqliteUrl(live)});
  CHECK(has(safe.out, "skipped: drop check constraint products (sku <> '')"));

  RunResult apply =
      runTether({"apply", "--models", model, "--db", sqliteUrl(live), "--yes", "--allow-destructive"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  const std::string after = sqliteConstraints(live);
  CHECK(has(after, "CHECK (discount >= 0)"));
  CHECK(has(after, "CONSTRAINT price_positive CHECK (price > 0)"));
  CHECK_FALSE(has(after, "sku <> ''"));
  CHECK(runTether({"plan", "--models", model, "--db", sqliteUrl(live), "--exit-code"}).exitCode == 0);
}

TEST_CASE("realdb checks postgres: hand-written CHECKs and a named primary key round-trip",
          "[realdb][realdb-pg][checks]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_checks.sql"));

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  CHECK(has(text, "name: price_positive"));
  CHECK(has(text, "primary_key: {name: pk_tags, columns: [name]}"));
  CHECK(has(text, "check: \"kind IN ('a', 'b')\""));
  // NOT VALID: the rows were never checked, so it stays unmanaged and kept.
  CHECK(has(text, "kind: check_constraint\n    name: \"sku_upper\""));
  CHECK_FALSE(has(text, "products_kind_check"));

  expectRoundTrip(model, text, live.url(), fresh.url());
  CHECK(pgConstraints(fresh.url()) == pgConstraints(live.url()));
}

TEST_CASE("realdb checks postgres: a model's checks show no drift against PostgreSQL's re-printing, and "
          "changes to them are planned",
          "[realdb][realdb-pg][checks]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  dir.write("m.yaml", "models:\n"
                      "  Item:\n"
                      "    table: items\n"
                      "    columns:\n"
                      "      id: {type: Integer, primary_key: true}\n"
                      "      price: {type: Numeric(10, 2), check: \"price > 0\"}\n"
                      "      kind: {type: String(10), check: \"kind IN ('a', 'b')\"}\n"
                      "      state: {type: Text, check: \"state not in ('x')\"}\n"
                      "      qty: {type: Integer, check: \"qty BETWEEN -1 AND 10\"}\n"
                      "      code: {type: String(8), check: \"code LIKE 'C%'\"}\n"
                      "      ratio: {type: Float, check: \"ratio >= 0.5\"}\n"
                      "      starts: {type: Date}\n"
                      "      ends: {type: Date}\n"
                      "    checks:\n"
                      "      - {name: ck_dates, sql: \"(starts < ends) and (ends > starts)\"}\n"
                      "      - \"length(code) > 1 OR code IS NULL\"\n");
  expectAppliedClean(model, db.url());

  std::string text = readFile(model);
  text.replace(text.find("price > 0"), 9, "price >= 1");
  text.replace(text.find("      - \"length"),
               std::string("      - \"length(code) > 1 OR code IS NULL\"\n").size(), "");
  dir.write("m.yaml", text);
  RunResult change =
      runTether({"plan", "--models", model, "--db", db.url(), "--online", "--allow-destructive"});
  INFO(change.out + change.err);
  REQUIRE(change.exitCode == 0);
  CHECK(has(change.out, "ALTER TABLE \"items\" DROP CONSTRAINT \"items_price_check\""));
  CHECK(has(change.out, "ALTER TABLE \"items\" ADD CHECK (price >= 1)"));
  CHECK(has(change.out, "ALTER TABLE \"items\" DROP CONSTRAINT \"items_code_check1\""));
  // Dropping the check that no model check replaces is destructive, the redefinition is not.
  RunResult safe = runTether({"plan", "--models", model, "--db", db.url()});
  CHECK(has(safe.out, "skipped: drop check constraint items_code_check1"));
  CHECK_FALSE(has(safe.out, "skipped: drop check constraint items_price_check"));
}

TEST_CASE("realdb checks postgres: --online adds a named CHECK NOT VALID and validates it after",
          "[realdb][realdb-pg][checks]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  std::string yaml = "tables:\n  t:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                     "      n: {type: Integer}\n";
  const std::string model = dir.file("m.yaml");
  dir.write("m.yaml", yaml);
  REQUIRE(runTether({"apply", "--models", model, "--db", db.url(), "--yes"}).exitCode == 0);
  dir.write("m.yaml", yaml + "    checks:\n      - {name: ck_n, sql: n > 0}\n");
  RunResult plan = runTether({"plan", "--models", model, "--db", db.url(), "--online"});
  INFO(plan.out + plan.err);
  CHECK(has(plan.out, "ALTER TABLE \"t\" ADD CONSTRAINT \"ck_n\" CHECK (n > 0) NOT VALID"));
  CHECK(has(plan.out, "ALTER TABLE \"t\" VALIDATE CONSTRAINT \"ck_n\""));
  RunResult apply = runTether({"apply", "--models", model, "--db", db.url(), "--yes", "--online"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
}

TEST_CASE("realdb checks postgres: a model inspected before CHECKs were modelled (unmanaged entries) "
          "plans nothing",
          "[realdb][realdb-pg][checks]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  loadPgSql(db.url(), fixture("realdb/pg_checks.sql"));
  const std::string model = dir.file("m.yaml");
  // What an older inspect wrote for readings: the check as an unmanaged object, not a key.
  dir.write("m.yaml",
            "tables:\n"
            "  readings:\n"
            "    columns:\n"
            "      id: {type: Integer, primary_key: true, autoincrement: false}\n"
            "      v: Numeric\n"
            "      n: Integer\n"
            "      label: Text\n"
            "unmanaged:\n"
            "  - {kind: check_constraint, name: readings_v_check, table: readings, definition: \"ALTER "
            "TABLE readings ADD CONSTRAINT readings_v_check CHECK (((v >= '-1.5'::numeric) AND (v <= "
            "(100)::numeric)))\"}\n");
  RunResult plan =
      runTether({"plan", "--models", model, "--db", db.url(), "--allow-destructive", "--format", "json"});
  INFO(plan.out + plan.err);
  CHECK_FALSE(has(plan.out, "readings_v_check"));
  // The checks the file does not mention at all are dropped only as destructive changes.
  CHECK(has(plan.out, "drop check constraint readings_n_check"));
  RunResult safe = runTether({"plan", "--models", model, "--db", db.url()});
  CHECK(has(safe.out, "skipped: drop check constraint readings_n_check"));
  CHECK_FALSE(has(safe.out, "ALTER TABLE \"readings\" DROP CONSTRAINT"));
}

TEST_CASE("realdb checks: a primary key the model names differently is renamed", "[realdb][checks]") {
  const std::string unnamed = "tables:\n  t:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                              "      n: Integer\n";
  const std::string named = "tables:\n  t:\n    columns:\n      id: Integer\n      n: Integer\n"
                            "    primary_key: {name: pk_t, columns: [id]}\n";
  SECTION("sqlite: the table is rebuilt with the name") {
    TempDir dir;
    const std::string db = sqliteUrl(dir.file("t.db")), model = dir.file("m.yaml");
    dir.write("m.yaml", unnamed);
    REQUIRE(runTether({"apply", "--models", model, "--db", db, "--yes"}).exitCode == 0);
    dir.write("m.yaml", named);
    RunResult plan = runTether({"plan", "--models", model, "--db", db});
    INFO(plan.out + plan.err);
    CHECK(has(plan.out, "rebuild table t: rename primary key t(id) (unnamed) to pk_t"));
    CHECK(has(plan.out, "CONSTRAINT \"pk_t\" PRIMARY KEY (\"id\")"));
    REQUIRE(runTether({"apply", "--models", model, "--db", db, "--yes"}).exitCode == 0);
    CHECK(runTether({"plan", "--models", model, "--db", db, "--exit-code"}).exitCode == 0);
  }
  SECTION("postgres: RENAME CONSTRAINT") {
    REQUIRE_PG();
    PgDatabase db;
    TempDir dir;
    const std::string model = dir.file("m.yaml");
    dir.write("m.yaml", unnamed);
    REQUIRE(runTether({"apply", "--models", model, "--db", db.url(), "--yes"}).exitCode == 0);
    dir.write("m.yaml", named);
    RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
    INFO(plan.out + plan.err);
    CHECK(has(plan.out, "ALTER TABLE \"t\" RENAME CONSTRAINT \"t_pkey\" TO \"pk_t\""));
    REQUIRE(runTether({"apply", "--models", model, "--db", db.url(), "--yes"}).exitCode == 0);
    CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
    // A model that does not name its key compares no name.
    dir.write("m.yaml", unnamed);
    CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
  }
}
