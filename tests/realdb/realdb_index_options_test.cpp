// Indexes written by hand with every option the model format carries (partial, expression,
// DESC NULLS FIRST, operator classes, INCLUDE, NULLS NOT DISTINCT, GIN/hash/BRIN) go through
// inspect, check, plan and apply and come back as the same catalog on both databases.
#include "realdb/realdb_support.h"
#include "support.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether::test;

namespace {

// The CREATE INDEX statements pg_dump writes, sorted: the server's own spelling of each index.
std::string dumpedIndexes(const std::string &url) {
  RunResult r = runShell("pg_dump --schema-only --no-owner --no-privileges " + shellQuote(url));
  REQUIRE(r.exitCode == 0);
  std::istringstream in(r.out);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("CREATE INDEX", 0) == 0 || line.rfind("CREATE UNIQUE INDEX", 0) == 0)
      lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto &l : lines)
    out += l + "\n";
  return out;
}

std::string sqliteUrl(const std::string &path) {
  return "sqlite:///" + path;
}

// The stored CREATE INDEX texts, names unquoted (tether quotes the names of what it creates).
std::string sqliteIndexes(const std::string &db) {
  RunResult r = runShell("sqlite3 " + shellQuote(db) + " " +
                         shellQuote("SELECT name || ': ' || replace(sql, '\"', '') FROM sqlite_master "
                                    "WHERE type = 'index' AND sql IS NOT NULL ORDER BY name;"));
  REQUIRE(r.exitCode == 0);
  return r.out;
}
} // namespace

TEST_CASE("realdb postgres: index options round-trip through inspect, check, plan and apply",
          "[realdb][realdb-pg][index_options]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_index_options.sql"));

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  CHECK(has(text, "{expression: \"lower(email::text)\"}"));
  CHECK(has(text, "where: \"deleted_at IS NULL\""));
  CHECK(has(text, "{column: \"created_at\", order: desc}"));
  CHECK(has(text, "{column: \"created_at\", order: desc, nulls: last}"));
  CHECK(has(text, "{column: \"name\", opclass: text_pattern_ops}"));
  CHECK(has(text, "include: [name, status]"));
  CHECK(has(text, "nulls_not_distinct: true"));
  CHECK(has(text, "using: gin"));
  CHECK(has(text, "using: hash"));
  CHECK(has(text, "using: brin"));
  CHECK(has(text, "{column: \"profile\", opclass: jsonb_path_ops}"));
  CHECK(has(text, "to_tsvector('english'::regconfig, body)"));
  // A per-element collation is not in the format: kept whole, never a lossy model.
  CHECK(has(text, "name: \"accounts_email_c\""));
  CHECK_FALSE(has(text, "not in the model"));

  RunResult onSqlite = runTether({"check", "--models", model, "--dialect", "sqlite"});
  CHECK(onSqlite.exitCode == 1);
  CHECK(has(onSqlite.out, "sqlite cannot build using: gin"));
  CHECK(has(onSqlite.out, "using: gin"));
  CHECK(has(onSqlite.out, "include:"));

  CHECK(expectRoundTrip(model, text, live.url(), fresh.url(), "postgresql").empty());
  CHECK(dumpedIndexes(fresh.url()) == dumpedIndexes(live.url()));

  // The partial index WHERE account_id IS NOT NULL serves the foreign key.
  RunResult audit = runTether({"audit", "--models", model, "--db", live.url()});
  INFO(audit.out + audit.err);
  CHECK_FALSE(has(audit.out, "foreign key documents(account_id)"));
}

// PostgreSQL itself does not read back `x = ANY ((ARRAY[…])::text[])` as the same tree (pg_dump's
// output of an IN predicate restores with the casts moved into the array): the catalogs differ,
// the plan both ways must not.
TEST_CASE("realdb postgres: an IN predicate PostgreSQL re-prints is no drift before or after apply",
          "[realdb][realdb-pg][index_options]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  dir.write("in.sql",
            "CREATE TABLE accounts (id serial PRIMARY KEY, tenant_id integer NOT NULL,\n"
            "  status varchar(20) NOT NULL);\n"
            "CREATE INDEX accounts_trialing ON accounts (tenant_id) WHERE status IN ('active', 'trial');\n");
  loadPgSql(live.url(), dir.file("in.sql"));
  const std::string model = dir.file("m.yaml");
  REQUIRE(runTether({"inspect", "--db", live.url(), "-o", model}).exitCode == 0);
  INFO(readFile(model));
  CHECK(has(readFile(model), "name: accounts_trialing, where: \"status::text = ANY"));
  CHECK(runTether({"plan", "--models", model, "--db", live.url(), "--exit-code"}).exitCode == 0);
  REQUIRE(runTether({"apply", "--models", model, "--db", fresh.url(), "--yes"}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", fresh.url(), "--exit-code"});
  INFO(plan.out);
  CHECK(plan.exitCode == 0);
}

TEST_CASE("realdb postgres: a changed index option is a drop and a create, concurrently online",
          "[realdb][realdb-pg][index_options]") {
  REQUIRE_PG();
  PgDatabase live;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_index_options.sql"));
  REQUIRE(runTether({"inspect", "--db", live.url(), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  const std::string from = "where: \"deleted_at IS NULL\"";
  REQUIRE(has(text, from));
  text.replace(text.find(from), from.size(), "where: \"deleted_at IS NULL AND tenant_id > 0\"");
  dir.write("m.yaml", text);

  RunResult plan = runTether({"plan", "--models", model, "--db", live.url(), "--online"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(has(plan.out, "DROP INDEX CONCURRENTLY"));
  CHECK(has(plan.out, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"accounts_tenant_email\""));
  CHECK(has(plan.out, "WHERE deleted_at IS NULL AND tenant_id > 0"));

  RunResult apply =
      runTether({"apply", "--models", model, "--db", live.url(), "--yes", "--online", "--allow-destructive"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(runTether({"plan", "--models", model, "--db", live.url(), "--exit-code"}).exitCode == 0);
  CHECK(has(dumpedIndexes(live.url()), "WHERE ((deleted_at IS NULL) AND (tenant_id > 0))"));
}

TEST_CASE("realdb sqlite: index options round-trip through inspect, check, plan and apply",
          "[realdb][realdb-sqlite][index_options]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), fresh = dir.file("fresh.db"), model = dir.file("m.yaml");
  RunResult load = runShell("sqlite3 " + shellQuote(live) + " < " +
                            shellQuote(fixture("realdb/sqlite_index_options.sql")));
  REQUIRE(load.exitCode == 0);

  const std::string text = inspectInto(sqliteUrl(live), model);
  INFO(text);
  CHECK(has(text, "columns: [tenant_id, {expression: \"lower(email)\"}]"));
  CHECK(has(text, "where: \"deleted_at IS NULL\""));
  CHECK(has(text, "{column: \"created_at\", order: desc}"));
  CHECK(has(text, "{expression: \"(tenant_id + 1)\"}"));
  CHECK(has(text, "name: \"accounts_name_nocase\"")); // COLLATE: unmanaged, kept as written

  CHECK(expectRoundTrip(model, text, sqliteUrl(live), sqliteUrl(fresh), "sqlite").empty());
  CHECK(sqliteIndexes(fresh) == sqliteIndexes(live));

  RunResult audit = runTether({"audit", "--models", model, "--db", sqliteUrl(live)});
  INFO(audit.out + audit.err);
  CHECK_FALSE(has(audit.out, "foreign key documents(account_id)"));
}

TEST_CASE("sqlite: a model index SQLite cannot build is a check error at the index and refused by plan",
          "[sqlite][index_options]") {
  TempDir dir;
  dir.write("m.yaml", "version: 1\n"
                      "tables:\n"
                      "  docs:\n"
                      "    columns:\n"
                      "      id: {type: Integer, primary_key: true}\n"
                      "      body: {type: Text}\n"
                      "    indexes:\n"
                      "      - {name: ix_docs_body, using: gin, columns: [body]}\n");
  RunResult check = runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "sqlite"});
  INFO(check.out);
  CHECK(check.exitCode == 1);
  CHECK(has(check.out, "m.yaml:8:9"));
  CHECK(has(check.out, "using: gin"));
  CHECK(runTether({"check", "--models", dir.file("m.yaml")}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", dir.file("m.yaml"), "--db", sqliteUrl(dir.file("x.db"))});
  CHECK(plan.exitCode == 2);
}
