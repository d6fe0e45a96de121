// Issue 12: a plan step that would break an object tether does not model (a view, a trigger, an
// expression index naming a column) says so before it runs, on real databases built by raw DDL.
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
const char *kModels = R"YAML(models:
  User:
    table: users
    columns:
      id: {type: Integer, primary_key: true}
      name: String(100)
)YAML";
} // namespace

TEST_CASE("plan warns: dropping a column a SQLite view and trigger use", "[plan][sqlite]") {
  TempDir dir;
  std::string db = dir.file("app.db");
  REQUIRE(runShell("sqlite3 " + shellQuote(db) + " " + shellQuote(R"SQL(
CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(100), email VARCHAR(255));
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT);
CREATE VIEW user_emails AS SELECT id, "email" FROM users;
CREATE VIEW user_names AS SELECT id, name FROM users;
CREATE TRIGGER users_au AFTER UPDATE OF email ON users BEGIN INSERT INTO audit_log(what) VALUES ('email'); END;
)SQL"))
              .exitCode == 0);
  dir.write("m.yaml", std::string(kModels) + "tables:\n  audit_log:\n    columns:\n      id: {type: Integer, "
                                             "primary_key: true}\n      what: Text\n");
  RunResult plan =
      runTether({"plan", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + db, "--allow-destructive"});
  INFO(plan.out << plan.err);
  REQUIRE(plan.exitCode == 0);
  CHECK(plan.out.find("drop column users.email") != std::string::npos);
  CHECK(plan.err.find("warning: drop column users.email: view user_emails uses users.email") !=
        std::string::npos);
  CHECK(plan.err.find("trigger users_au uses users.email") != std::string::npos);
  // The view on other columns is not named; a string literal spelling 'email' names nothing.
  CHECK(plan.err.find("user_names") == std::string::npos);
  // Without the destructive step there is nothing to warn about.
  RunResult safe = runTether({"plan", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + db});
  CHECK(safe.err.find("view user_emails") == std::string::npos);
}

TEST_CASE("plan warns before PostgreSQL refuses: a retyped column a view uses", "[plan][pg]") {
  REQUIRE_PG();
  PgDatabase pg;
  TempDir dir;
  dir.write("ddl.sql", R"SQL(
CREATE TABLE users (id integer PRIMARY KEY, name varchar(100));
CREATE VIEW short_names AS SELECT id, left(name, 3) AS short FROM users;
)SQL");
  REQUIRE(runShell("psql -q -v ON_ERROR_STOP=1 " + shellQuote(pg.url()) + " -f " +
                   shellQuote(dir.file("ddl.sql")))
              .exitCode == 0);
  dir.write("m.yaml", R"YAML(models:
  User:
    table: users
    columns:
      id: {type: Integer, primary_key: true}
      name: Text
)YAML");
  RunResult plan = runTether({"plan", "--models", dir.file("m.yaml"), "--db", pg.url()});
  INFO(plan.out << plan.err);
  CHECK(plan.err.find("view short_names uses users.name") != std::string::npos);
  // What the warning promises: the database refuses the step while the view exists, and the
  // apply changes nothing.
  RunResult apply = runTether({"apply", "--models", dir.file("m.yaml"), "--db", pg.url(), "--yes"});
  INFO(apply.out << apply.err);
  CHECK(apply.exitCode == 2);
  CHECK(apply.err.find("view short_names uses users.name") != std::string::npos);
  RunResult type =
      runShell("psql -tA " + shellQuote(pg.url()) +
               " -c \"SELECT data_type FROM information_schema.columns WHERE table_name = 'users' "
               "AND column_name = 'name'\"");
  CHECK(type.out.find("character varying") != std::string::npos);
  // The fix the warning gives works: drop the view, apply, recreate it.
  REQUIRE(runShell("psql -q " + shellQuote(pg.url()) + " -c 'DROP VIEW short_names'").exitCode == 0);
  REQUIRE(runTether({"apply", "--models", dir.file("m.yaml"), "--db", pg.url(), "--yes"}).exitCode == 0);
  CHECK(runShell("psql -q -v ON_ERROR_STOP=1 " + shellQuote(pg.url()) +
                 " -c 'CREATE VIEW short_names AS SELECT id, left(name, 3) AS short FROM users'")
            .exitCode == 0);
}
