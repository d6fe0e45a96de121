// A model file must never make tether run more SQL than the DDL it declares: SQL fragments
// (a default's sql:, a per-dialect type) are checked to be one expression / one type.
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
std::string modelWith(const std::string &columnLine) {
  return "version: 1\nmodels:\n  Item:\n    table: items\n    columns:\n      id: {type: Integer, "
         "primary_key: true}\n" +
         columnLine + "\n";
}
} // namespace

TEST_CASE("fragments: a default or type that smuggles a statement drops nothing on SQLite",
          "[safety][fragment]") {
  TempDir d;
  const std::string db = "sqlite:///" + d.file("app.db");
  REQUIRE(runShell("sqlite3 " + shellQuote(d.file("app.db")) +
                   " 'CREATE TABLE victim (x INTEGER); INSERT INTO victim VALUES (1);'")
              .exitCode == 0);
  for (const char *line :
       {"      note: {type: String(20), default: {sql: \"'a'); DROP TABLE victim; SELECT ('\"}}",
        "      note: {type: String(20), default: {sql: \"1)); DROP TABLE victim; --\"}}",
        "      note: {type: {sqlite: \"TEXT); DROP TABLE victim; CREATE TABLE z (a TEXT\", postgresql: "
        "text}}"}) {
    d.write("models.yaml", modelWith(line));
    RunResult r = runTether({"apply", "--yes", "--models", d.file("models.yaml"), "--db", db});
    INFO(line << "\n" << r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("is not a single SQLite") != std::string::npos);
    RunResult victim = runShell("sqlite3 " + shellQuote(d.file("app.db")) + " 'SELECT count(*) FROM victim'");
    CHECK(victim.exitCode == 0);
    CHECK(victim.out == "1\n");
  }
  // An honest expression and an honest custom type still work.
  d.write(
      "models.yaml",
      modelWith(
          "      note: {type: {sqlite: \"VARCHAR(20)\", postgresql: text}, default: {sql: \"lower('X')\"}}"));
  RunResult ok = runTether({"apply", "--yes", "--models", d.file("models.yaml"), "--db", db});
  INFO(ok.out << ok.err);
  CHECK(ok.exitCode == 0);
}

TEST_CASE("fragments: the same on PostgreSQL, checked with libpg_query", "[safety][fragment][postgres]") {
  if (pgUrl().empty()) {
    if (std::getenv("CI")) FAIL("TETHER_TEST_PG_URL is not set: run under scripts/pg-temp.sh");
    WARN("PostgreSQL not available: run under scripts/pg-temp.sh");
    return;
  }
  PgDatabase db;
  TempDir d;
  REQUIRE(runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(db.url()) + " -c " +
                   shellQuote("CREATE TABLE victim (x integer); INSERT INTO victim VALUES (1);"))
              .exitCode == 0);
  for (const char *line :
       {"      note: {type: String(20), default: {sql: \"'a'); DROP TABLE victim; SELECT ('\"}}",
        "      note: {type: String(20), default: {sql: \"'a'; DROP TABLE victim\"}}",
        "      note: {type: {postgresql: \"text); DROP TABLE victim; CREATE TABLE z (a text\", sqlite: "
        "TEXT}}"}) {
    d.write("models.yaml", modelWith(line));
    RunResult r = runTether({"apply", "--yes", "--models", d.file("models.yaml"), "--db", db.url()});
    INFO(line << "\n" << r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("is not a single PostgreSQL") != std::string::npos);
    RunResult victim =
        runShell("psql -X -q -A -t " + shellQuote(db.url()) + " -c 'SELECT count(*) FROM victim'");
    CHECK(victim.out == "1\n");
  }
  d.write("models.yaml", modelWith("      note: {type: {postgresql: \"varchar(20)\", sqlite: TEXT}}\n"
                                   "      made: {type: DateTime, default: {sql: \"CURRENT_TIMESTAMP\"}}"));
  RunResult ok = runTether({"apply", "--yes", "--models", d.file("models.yaml"), "--db", db.url()});
  INFO(ok.out << ok.err);
  CHECK(ok.exitCode == 0);
}
