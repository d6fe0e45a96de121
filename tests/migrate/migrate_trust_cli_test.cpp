// Issue 14, items 7 to 9: config resolved when needed, init, did-you-mean, the apply prompt, and
// live-data warnings before a plan or migration runs.
#include "migrate_trust_scenarios.h"

using namespace tether;
using namespace tether::test;
using namespace tether::test::mig;

namespace {
const char *kUsers = "models:\n  User:\n    table: users\n    columns:\n"
                     "      id: {type: Integer, primary_key: true}\n      email: String(100)\n";
std::string uniqueEmail() {
  std::string m = kUsers;
  m.replace(m.find("email: String(100)"), 18, "email: {type: String(100), unique: true}");
  return m;
}
} // namespace

TEST_CASE("migrate trust: db: in tether.yaml is resolved only when a command needs a database",
          "[migrate][trust]") {
  TempDir tmp;
  tmp.write("models.yaml", kUsers);
  tmp.write("tether.yaml", "version: 1\nmodels: models.yaml\n\ndb: ${DATABASE_URL}\n");
  REQUIRE(migrate({"new", "users", "--models", tmp.file("models.yaml"), "--dir", tmp.file("mig"), "--dialect",
                   "sqlite"})
              .exitCode == 0);
  const std::string env = "DATABASE_URL=";
  RunResult check = runTether({"check"}, tmp.path(), env);
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0); // main: exit 2, DATABASE_URL is not set
  CHECK(runTether({"erd"}, tmp.path(), env).exitCode == 0);
  CHECK(runTether({"migrate", "check", "--dir", "mig"}, tmp.path(), env).exitCode == 0);
  RunResult st = runTether({"migrate", "status", "--dir", "mig"}, tmp.path(), env);
  CHECK(st.exitCode == 2);
  CHECK(st.err.find("tether.yaml:4") != std::string::npos);
  CHECK(st.err.find("DATABASE_URL is not set") != std::string::npos);
  RunResult ok = runTether({"migrate", "status", "--dir", "mig"}, tmp.path(),
                           "DATABASE_URL=" + shellQuote("sqlite:///" + tmp.file("app.db")));
  CHECK(ok.exitCode == 0);
}

TEST_CASE("migrate trust: init beside existing models adds no example", "[migrate][trust]") {
  TempDir tmp;
  REQUIRE(runShell("mkdir " + shellQuote(tmp.file("models"))).exitCode == 0);
  tmp.write("models/app.yaml", kUsers);
  RunResult r = runTether({"init", "--dir", tmp.path()});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("no example added") != std::string::npos);
  CHECK(runShell("test -e " + shellQuote(tmp.file("models/models.yaml"))).exitCode != 0);
  CHECK(runShell("test -e " + shellQuote(tmp.file("tether.yaml"))).exitCode == 0);
  RunResult check = runTether({"check"}, tmp.path(), "DATABASE_URL=");
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("1 models, 1 tables") != std::string::npos);

  TempDir fresh;
  REQUIRE(runTether({"init", "--dir", fresh.path()}).exitCode == 0);
  CHECK(readFile(fresh.file("models/models.yaml")).find("Order") != std::string::npos);
}

TEST_CASE("migrate trust: a misspelt migrate subcommand gets a did-you-mean", "[migrate][trust]") {
  RunResult r = runTether({"migrate", "aply"});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("unknown command 'migrate aply'") != std::string::npos);
  CHECK(r.err.find("did you mean 'apply'?") != std::string::npos);
}

TEST_CASE("migrate trust: declining apply at the prompt leaves no SQLite file", "[migrate][trust]") {
  TempDir tmp;
  tmp.write("m.yaml", kUsers);
  const std::string cmd = std::string(TETHER_BINARY) + " apply --models " + tmp.file("m.yaml") +
                          " --db sqlite:///" + tmp.file("new.db");
  // A terminal, so the prompt is asked; "n" declines.
  RunResult r = runShell("printf 'n\\n' | script -qec " + shellQuote(cmd) + " /dev/null");
  INFO(r.out);
  CHECK(r.out.find("not applied") != std::string::npos);
  CHECK(runShell("test -e " + shellQuote(tmp.file("new.db"))).exitCode != 0);
}

TEST_CASE("migrate trust sqlite: plan and migrate apply --dry-run say what the data will make fail",
          "[migrate][trust]") {
  TempDir tmp;
  const std::string url = "sqlite:///" + tmp.file("a.db");
  tmp.write("m.yaml", kUsers);
  REQUIRE(runTether({"apply", "--models", tmp.file("m.yaml"), "--db", url, "--yes"}).exitCode == 0);
  exec(url, "INSERT INTO users VALUES (1, 'a'), (2, 'a'), (3, 'b')");
  tmp.write("u.yaml", uniqueEmail());
  RunResult plan = runTether({"plan", "--models", tmp.file("u.yaml"), "--db", url});
  INFO(plan.out + plan.err);
  CHECK(plan.err.find("warning") != std::string::npos);
  CHECK(plan.err.find("will fail, 2 rows share a value") != std::string::npos);

  const std::string dir = tmp.file("mig");
  REQUIRE(runShell("mkdir " + shellQuote(dir)).exitCode == 0);
  addVersion(tmp, dir, "0001_unique_email", "CREATE UNIQUE INDEX ux ON users (email);\n", "DROP INDEX ux;\n");
  RunResult dry = migrate({"apply", "--dry-run", "--allow-drift", "--db", url, "--dir", dir});
  INFO(dry.out + dry.err);
  CHECK(dry.exitCode == 0);
  CHECK(dry.out.find("-- warning: " + dir +
                     "/0001_unique_email.up.sql:1:1: adding UNIQUE (email) will fail: "
                     "2 rows share a value") != std::string::npos);
}

TEST_CASE("migrate trust postgres: plan and apply warn before UNIQUE and NOT NULL fail on the data",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  tmp.write("m.yaml", kUsers);
  REQUIRE(runTether({"apply", "--models", tmp.file("m.yaml"), "--db", db.url(), "--yes"}).exitCode == 0);
  exec(db.url(), "INSERT INTO users VALUES (1, 'a'), (2, 'a'), (3, NULL)");
  std::string m = uniqueEmail();
  m.replace(m.find("unique: true"), 12, "unique: true, nullable: false");
  tmp.write("u.yaml", m);
  RunResult plan = runTether({"plan", "--models", tmp.file("u.yaml"), "--db", db.url()});
  INFO(plan.out + plan.err);
  CHECK(plan.err.find("2 rows share a value") != std::string::npos);
  CHECK(plan.err.find("1 row is NULL in users.email") != std::string::npos);
  RunResult apply = runTether({"apply", "--models", tmp.file("u.yaml"), "--db", db.url(), "--yes"});
  INFO(apply.out + apply.err);
  CHECK(apply.exitCode == 2); // it does fail, as warned
  CHECK(apply.err.find("tether: warning: ") < apply.err.find("error"));
}

TEST_CASE("migrate trust postgres: plan warns before a foreign key fails on orphan rows",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  std::string base = std::string(kUsers) +
                     "  Post:\n    table: posts\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                     "      user_id: Integer\n";
  tmp.write("m.yaml", base);
  REQUIRE(runTether({"apply", "--models", tmp.file("m.yaml"), "--db", db.url(), "--yes"}).exitCode == 0);
  exec(db.url(), "INSERT INTO users VALUES (1, 'a')");
  exec(db.url(), "INSERT INTO posts VALUES (1, 1), (2, 7), (3, 9)");
  std::string fk = base;
  fk.replace(fk.rfind("user_id: Integer"), 16, "user_id: {type: Integer, foreign_key: users.id}");
  tmp.write("fk.yaml", fk);
  RunResult plan = runTether({"plan", "--models", tmp.file("fk.yaml"), "--db", db.url()});
  INFO(plan.out + plan.err);
  CHECK(plan.err.find("adding the foreign key posts (user_id) -> users will fail: 2 orphan rows") !=
        std::string::npos);
}

TEST_CASE("migrate trust postgres: migrate apply --dry-run warns before a foreign key fails on orphan rows",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  exec(db.url(), "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, "
                 "user_id integer)");
  exec(db.url(), "INSERT INTO users VALUES (1); INSERT INTO posts VALUES (1, 1), (2, 7), (3, 9)");
  const std::string dir = tmp.file("mig");
  REQUIRE(runShell("mkdir " + shellQuote(dir)).exitCode == 0);
  addVersion(
      tmp, dir, "0001_post_user_fk",
      "ALTER TABLE posts ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);\n",
      "ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey;\n");
  RunResult dry = migrate({"apply", "--dry-run", "--allow-drift", "--db", db.url(), "--dir", dir});
  INFO(dry.out + dry.err);
  CHECK(dry.exitCode == 0);
  CHECK(dry.out.find("-- warning: ") != std::string::npos);
  CHECK(dry.out.find("will fail") != std::string::npos);
  CHECK(dry.out.find("2 rows point") != std::string::npos);
  // A dry run changes nothing.
  RunResult status = migrate({"status", "--db", db.url(), "--dir", dir});
  CHECK(status.out.find("pending") != std::string::npos);
}

TEST_CASE("migrate trust postgres: a NOT VALID foreign key is not said to fail on orphan rows",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  exec(db.url(), "CREATE TABLE users (id integer PRIMARY KEY); CREATE TABLE posts (id integer PRIMARY KEY, "
                 "user_id integer)");
  exec(db.url(), "INSERT INTO users VALUES (1); INSERT INTO posts VALUES (1, 1), (2, 7)");
  const std::string dir = tmp.file("mig");
  REQUIRE(runShell("mkdir " + shellQuote(dir)).exitCode == 0);
  addVersion(
      tmp, dir, "0001_post_user_fk",
      "ALTER TABLE posts ADD CONSTRAINT posts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) "
      "NOT VALID;\n",
      "ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey;\n");
  RunResult dry = migrate({"apply", "--dry-run", "--allow-drift", "--db", db.url(), "--dir", dir});
  INFO(dry.out + dry.err);
  CHECK(dry.exitCode == 0);
  CHECK(dry.out.find("will fail") == std::string::npos);
  // And it does not fail: PostgreSQL checks only new rows until VALIDATE.
  RunResult apply = migrate({"apply", "--allow-drift", "--db", db.url(), "--dir", dir});
  INFO(apply.out + apply.err);
  CHECK(apply.exitCode == 0);
}
