#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
const std::string kShop = sourceDir() + "/examples/ecommerce/models.yaml";
std::string url(const TempDir &d, const std::string &name = "app.db") {
  return "sqlite:///" + d.file(name);
}
} // namespace

TEST_CASE("cli-schema: plan --exit-code is 1 on drift and 0 in sync", "[cli-schema]") {
  TempDir dir;
  runShell("sqlite3 " + shellQuote(dir.file("app.db")) + " 'CREATE TABLE keep (x)' || /usr/bin/python3 -c " +
           shellQuote("import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('CREATE TABLE keep (x)')") +
           " " + shellQuote(dir.file("app.db")));
  RunResult drift = runTether({"plan", "--models", kShop, "--db", url(dir), "--exit-code"});
  CHECK(drift.exitCode == 1);
  CHECK(drift.out.find("CREATE TABLE \"users\"") != std::string::npos);
  CHECK(drift.out.find("-- skipped: drop table keep") != std::string::npos);

  RunResult noExit = runTether({"plan", "--models", kShop, "--db", url(dir)});
  CHECK(noExit.exitCode == 0);

  RunResult apply = runTether({"apply", "--models", kShop, "--db", url(dir), "--yes"});
  INFO(apply.err);
  CHECK(apply.exitCode == 0);
  RunResult stillKept = runTether({"plan", "--models", kShop, "--db", url(dir), "--exit-code"});
  CHECK(stillKept.exitCode == 1); // the extra table is drift, held back as destructive
  CHECK(stillKept.out.find("CREATE") == std::string::npos);

  RunResult drop = runTether({"apply", "--models", kShop, "--db", url(dir), "--yes", "--allow-destructive"});
  CHECK(drop.exitCode == 0);
  RunResult inSync = runTether({"plan", "--models", kShop, "--db", url(dir), "--exit-code"});
  CHECK(inSync.exitCode == 0);
  CHECK(inSync.out.empty());
}

TEST_CASE("cli-schema: plan --format json lists changes with their SQL", "[cli-schema]") {
  TempDir dir;
  runTether({"apply", "--models", kShop, "--db", url(dir), "--yes"});
  dir.write("m.yaml",
            "models:\n  User:\n    table: users\n    columns:\n      id: {type: Integer, primary_key: true}\n"
            "      email: {type: String(255), unique: true}\n      full_name: String(200)\n"
            "      nickname: String(40)\n");
  RunResult r = runTether({"plan", "--models", dir.file("m.yaml"), "--db", url(dir), "--format", "json"});
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("\"kind\": \"add_column\"") != std::string::npos);
  CHECK(r.out.find("ALTER TABLE \\\"users\\\" ADD COLUMN \\\"nickname\\\" VARCHAR(40);") !=
        std::string::npos);
  CHECK(r.out.find("\"kind\": \"drop_table\"") != std::string::npos); // in skipped
}

TEST_CASE("cli-schema: plan and apply refuse models with errors (exit 2)", "[cli-schema]") {
  TempDir dir;
  dir.write(
      "bad.yaml",
      "models:\n  User:\n    table: users\n    columns:\n      id: {type: Intger, primary_key: true}\n");
  RunResult plan = runTether({"plan", "--models", dir.file("bad.yaml"), "--db", url(dir)});
  CHECK(plan.exitCode == 2);
  CHECK(plan.err.find("bad.yaml:5:") != std::string::npos);
  RunResult apply = runTether({"apply", "--models", dir.file("bad.yaml"), "--db", url(dir), "--yes"});
  CHECK(apply.exitCode == 2);
  CHECK(runShell("test -e " + shellQuote(dir.file("app.db"))).exitCode != 0); // nothing created
}

TEST_CASE("cli-schema: a failing apply exits 2 and changes nothing", "[cli-schema]") {
  TempDir dir;
  runTether({"apply", "--models", kShop, "--db", url(dir), "--yes"});
  runShell("/usr/bin/python3 -c " +
           shellQuote("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                      "c.execute(\"INSERT INTO products (id, name) VALUES (1, NULL)\"); c.commit()") +
           " " + shellQuote(dir.file("app.db")));
  std::string text = readFile(kShop);
  auto at = text.find("name: String(200)\n      price");
  REQUIRE(at != std::string::npos);
  text.replace(at, std::string("name: String(200)").size(), "name: {type: String(200), nullable: false}");
  dir.write("m.yaml", text);
  RunResult r = runTether({"apply", "--models", dir.file("m.yaml"), "--db", url(dir), "--yes"});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("NOT NULL constraint failed") != std::string::npos);
  CHECK(r.err.find("nothing changed") != std::string::npos);
  CHECK(runTether({"plan", "--models", kShop, "--db", url(dir), "--exit-code"}).exitCode == 0);
}

TEST_CASE("cli-schema: inspect writes a model file that loads and plans to nothing", "[cli-schema]") {
  TempDir dir;
  REQUIRE(runTether({"apply", "--models", fixture("schema/everything.yaml"), "--db", url(dir), "--yes"})
              .exitCode == 0);
  RunResult ins = runTether({"inspect", "--db", url(dir), "-o", dir.file("back.yaml")});
  INFO(ins.err);
  REQUIRE(ins.exitCode == 0);
  std::string yaml = readFile(dir.file("back.yaml"));
  CHECK(yaml.find("Printing:") != std::string::npos);
  CHECK(yaml.find("back_populates") != std::string::npos);
  CHECK(yaml.find("remote_side: [id]") != std::string::npos);
  RunResult check = runTether({"check", "--models", dir.file("back.yaml")});
  INFO(check.out);
  CHECK(check.exitCode == 0);
  RunResult plan = runTether({"plan", "--models", dir.file("back.yaml"), "--db", url(dir), "--exit-code"});
  INFO(plan.out);
  CHECK(plan.exitCode == 0);
  // To stdout as well.
  RunResult out = runTether({"inspect", "--db", url(dir)});
  CHECK(out.out == yaml);
}

TEST_CASE("cli-schema: inspect names models and one-to-one relationships from the database", "[cli-schema]") {
  TempDir dir;
  runTether({"apply", "--models", kShop, "--db", url(dir), "--yes"});
  RunResult r = runTether({"inspect", "--db", url(dir)});
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("  OrderItem:\n    table: order_items") != std::string::npos);
  CHECK(r.out.find("user_profile: {model: UserProfile, back_populates: user, uselist: false}") !=
        std::string::npos);
  CHECK(r.out.find("order_items: {model: OrderItem, back_populates: order}") != std::string::npos);
}

TEST_CASE("cli-schema: hostile identifiers survive plan, apply and inspect", "[cli-schema]") {
  TempDir dir;
  dir.write("m.yaml",
            "models:\n  User:\n    table: users\n    columns:\n      id: {type: Integer, primary_key: true}\n"
            "  Weird:\n    table: 'weird \"table\"; DROP TABLE users; --'\n    columns:\n"
            "      id: {type: Integer, primary_key: true}\n      select: {type: Text, index: true}\n"
            "      user_id: {type: Integer, foreign_key: users.id}\n");
  RunResult apply = runTether({"apply", "--models", dir.file("m.yaml"), "--db", url(dir), "--yes"});
  INFO(apply.out << apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK(runTether({"plan", "--models", dir.file("m.yaml"), "--db", url(dir), "--exit-code"}).exitCode == 0);
  REQUIRE(runTether({"inspect", "--db", url(dir), "-o", dir.file("back.yaml")}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", dir.file("back.yaml"), "--db", url(dir), "--exit-code"});
  INFO(readFile(dir.file("back.yaml")) << plan.out << plan.err);
  CHECK(plan.exitCode == 0);
}

TEST_CASE("cli-schema: plan on a missing SQLite file shows what apply would create, and creates nothing",
          "[cli-schema]") {
  TempDir dir;
  RunResult r = runTether({"plan", "--models", kShop, "--db", url(dir, "missing.db")});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("CREATE TABLE \"users\"") != std::string::npos);
  CHECK(r.err.find("does not exist yet") != std::string::npos);
  CHECK(runTether({"plan", "--models", kShop, "--db", url(dir, "missing.db"), "--exit-code"}).exitCode == 1);
  CHECK(runShell("test -e " + shellQuote(dir.file("missing.db"))).exitCode != 0);
  RunResult ins = runTether({"inspect", "--db", url(dir, "missing.db")});
  CHECK(ins.exitCode == 2);
}

TEST_CASE("cli-schema: every schema command has help with an example", "[cli-schema]") {
  for (std::string cmd : {"plan", "apply", "inspect"}) {
    RunResult r = runTether({cmd, "--help"});
    INFO(cmd << ": " << r.out);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("Example:") != std::string::npos);
    CHECK(r.out.find("tether " + cmd) != std::string::npos);
  }
}

TEST_CASE(
    "cli-schema: inspect names classes and collections by English number and makes link tables secondary",
    "[cli-schema]") {
  // Raw DDL with the table names real schemas use: singular and plural, irregular and invariable.
  TempDir dir;
  dir.write("schema.sql", R"SQL(
CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE alias (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES person(id), alias TEXT);
CREATE TABLE series (id INTEGER PRIMARY KEY, title TEXT);
CREATE TABLE status (id INTEGER PRIMARY KEY, label TEXT);
CREATE TABLE episode (id INTEGER PRIMARY KEY, series_id INTEGER REFERENCES series(id),
                      status_id INTEGER REFERENCES status(id));
CREATE TABLE episode_people (episode_id INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
                             person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
                             PRIMARY KEY (episode_id, person_id));
CREATE TABLE credit (id INTEGER PRIMARY KEY, episode_id INTEGER REFERENCES episode(id),
                     person_id INTEGER REFERENCES person(id), role TEXT);
)SQL");
  std::string db = dir.file("tv.db");
  REQUIRE(runShell("sqlite3 " + shellQuote(db) + " < " + shellQuote(dir.file("schema.sql"))).exitCode == 0);
  RunResult r = runTether({"inspect", "--db", "sqlite:///" + db, "-o", dir.file("m.yaml")});
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  std::string yaml = readFile(dir.file("m.yaml"));
  INFO(yaml);
  for (const char *cls :
       {"  Person:\n", "  Alias:\n", "  Series:\n", "  Status:\n", "  Episode:\n", "  Credit:\n"})
    CHECK(yaml.find(cls) != std::string::npos);
  CHECK(yaml.find("Alia:") == std::string::npos);
  CHECK(yaml.find("Sery:") == std::string::npos);
  // One-to-many collections are plural, whatever number the child table's name has.
  CHECK(yaml.find("aliases: {model: Alias, back_populates: person}") != std::string::npos);
  CHECK(yaml.find("episodes: {model: Episode, back_populates: series}") != std::string::npos);
  CHECK(yaml.find("credits: {model: Credit, back_populates: person}") != std::string::npos);
  // The pure link table is a plain table and the secondary of a many-to-many on both sides; the
  // link with a column of its own (credit.role) stays a class.
  CHECK(yaml.find("EpisodePerson:") == std::string::npos);
  CHECK(yaml.find("  episode_people:\n") != std::string::npos);
  CHECK(yaml.find("people: {model: Person, back_populates: episodes, secondary: episode_people}") !=
        std::string::npos);
  CHECK(yaml.find("episodes: {model: Episode, back_populates: people, secondary: episode_people}") !=
        std::string::npos);
  RunResult check = runTether({"check", "--models", dir.file("m.yaml")});
  INFO(check.out << check.err);
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("0 error(s), 0 warning(s)") != std::string::npos);
  RunResult plan =
      runTether({"plan", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + db, "--exit-code"});
  INFO(plan.out << plan.err);
  CHECK(plan.exitCode == 0);
}
