#include "migrate_scenarios.h"

using namespace tether::test;
using namespace tether::test::mig;

namespace {
std::string fileUrl(const TempDir &d) {
  return "sqlite:///" + d.file("app.db");
}
} // namespace

TEST_CASE("migrate sqlite: new, apply, status, down, apply again", "[migrate]") {
  TempDir db;
  cycle(fileUrl(db));
}

TEST_CASE("migrate sqlite: an applied file edited afterwards is refused", "[migrate]") {
  TempDir db;
  editedAfterApply(fileUrl(db));
}

TEST_CASE("migrate sqlite: a directory not matching its sum file is refused", "[migrate]") {
  TempDir db;
  sumMismatch(fileUrl(db));
}

TEST_CASE("migrate sqlite: a failing migration in a batch leaves the earlier ones applied", "[migrate]") {
  TempDir db;
  failingInTheMiddle(fileUrl(db));
}

TEST_CASE("migrate sqlite: three concurrent appliers apply each version once", "[migrate]") {
  TempDir db;
  concurrentAppliers(fileUrl(db));
}

TEST_CASE("migrate sqlite: tether_migrations of an older layout, or missing", "[migrate]") {
  TempDir db;
  olderOrMissingRevisionTable(fileUrl(db));
}

TEST_CASE("migrate sqlite: a database changed by hand is refused unless --allow-drift", "[migrate]") {
  TempDir db;
  driftRefused(fileUrl(db));
}

TEST_CASE("migrate sqlite: the project's own history applies, reverts and matches the example", "[migrate]") {
  TempDir db;
  projectHistory(fileUrl(db));
}

TEST_CASE("migrate sqlite: the lock waits up to --lock-timeout, then names the holder", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  RunResult r = runShell("flock " + shellQuote(tmp.file("app.db.tether-lock")) + " sleep 3 & sleep 0.3; " +
                         shellQuote(TETHER_BINARY) + " migrate apply --db " + shellQuote(url) + " --dir " +
                         shellQuote(dir) + " --lock-timeout 0.5 2>&1; echo rc=$?; wait");
  INFO(r.out);
  CHECK(r.out.find("rc=2") != std::string::npos);
  CHECK(r.out.find("holds the migration lock") != std::string::npos);
  CHECK(r.out.find("gave up after 0.5 s") != std::string::npos);
  CHECK(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0); // free again
}

TEST_CASE("migrate: new writes nothing when nothing changed, and drops only when allowed", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  RunResult same =
      migrate({"new", "again", "--models", tmp.file("models.yaml"), "--dir", dir, "--dialect", "sqlite"});
  CHECK(same.exitCode == 0);
  CHECK(same.out.find("nothing written") != std::string::npos);
  CHECK(runShell("ls " + shellQuote(dir) + " | grep -c sql").out == "6\n");

  tmp.write("models.yaml", kModelsV1);
  RunResult held = migrate(
      {"new", "drop posts", "--models", tmp.file("models.yaml"), "--dir", dir, "--dialect", "sqlite"});
  CHECK(held.exitCode == 0);
  CHECK(held.err.find("skipped (destructive") != std::string::npos);
  CHECK(held.out.find("nothing written") != std::string::npos);
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 1);

  RunResult drop = migrate({"new", "drop posts", "--models", tmp.file("models.yaml"), "--dir", dir,
                            "--dialect", "sqlite", "--allow-destructive"});
  INFO(drop.err);
  REQUIRE(drop.exitCode == 0);
  std::string up = readFile(dir + "/0004_drop_posts.up.sql");
  std::string down = readFile(dir + "/0004_drop_posts.down.sql");
  CHECK(up.find("DROP TABLE \"posts\"") != std::string::npos);
  CHECK(down.find("CREATE TABLE \"posts\"") != std::string::npos);
  CHECK(down.find("\"title\"") != std::string::npos); // down restores the table as 0003 left it
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);

  // The round trip on a real database: up to 0004, down to 0003, plan against v3 empty.
  const std::string url = fileUrl(tmp);
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  CHECK_FALSE(hasTable(url, "posts"));
  REQUIRE(migrate({"down", "--db", url, "--dir", dir}).exitCode == 0);
  tmp.write("v3.yaml", modelsV3());
  CHECK(runTether({"plan", "--db", url, "--models", tmp.file("v3.yaml"), "--exit-code"}).exitCode == 0);
}

TEST_CASE("migrate: check is the CI gate for models, files and folders", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);
  tmp.write("models.yaml", modelsV3() + "      body: Text\n");
  RunResult changed = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  CHECK(changed.exitCode == 1);
  CHECK(changed.out.find("add column posts.body") != std::string::npos);
  // A folder whose name does not say the dialect needs --dialect.
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", tmp.path()}).exitCode == 2);
  // Broken models: exit 2, not a finding.
  tmp.write(
      "bad.yaml",
      "models:\n  User:\n    table: users\n    columns:\n      id: {type: Intger, primary_key: true}\n");
  CHECK(migrate({"check", "--models", tmp.file("bad.yaml"), "--dir", dir}).exitCode == 2);
  CHECK(
      migrate({"new", "x", "--models", tmp.file("bad.yaml"), "--dir", dir, "--dialect", "sqlite"}).exitCode ==
      2);
}

TEST_CASE("migrate sqlite: status and dry runs never create the database file", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  RunResult st = migrate({"status", "--db", url, "--dir", dir, "--format", "json"});
  CHECK(st.exitCode == 0);
  CHECK(st.out.find("\"pending\": 3") != std::string::npos);
  RunResult dry = migrate({"apply", "--db", url, "--dir", dir, "--dry-run", "--to", "0002"});
  CHECK(dry.exitCode == 0);
  CHECK(dry.out.find("would apply 0002_posts") != std::string::npos);
  CHECK(dry.out.find("0003") == std::string::npos);
  CHECK(runShell("test -e " + shellQuote(tmp.file("app.db"))).exitCode != 0);
  CHECK(migrate({"apply", "--db", url, "--dir", dir, "--to", "0009"}).exitCode == 2); // no such version
}

TEST_CASE("migrate sqlite: tables made outside the migrations are drift before the first version",
          "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  // As if `tether apply` had been used on this database before adopting migrations.
  REQUIRE(runTether({"apply", "--models", tmp.file("models.yaml"), "--db", url, "--yes"}).exitCode == 0);
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("drop table users") != std::string::npos);
  CHECK(hasTable(url, "users"));
}

TEST_CASE("migrate sqlite: a version merged in below the applied ones is applied with a note", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  // The same history renumbered in a second folder: posts becomes 0005 and is applied first,
  // then post titles arrives as 0004, as when a branch is merged after a later version shipped.
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir, "--to", "0001"}).exitCode == 0);
  TempDir other;
  const std::string dir2 = other.file("sqlite");
  REQUIRE(runShell("mkdir " + shellQuote(dir2) + " && cp " + shellQuote(dir) + "/0001_* " + shellQuote(dir) +
                   "/0002_* " + shellQuote(dir2) + "/")
              .exitCode == 0);
  runShell("cd " + shellQuote(dir2) +
           " && mv 0002_posts.up.sql 0005_posts.up.sql && mv 0002_posts.down.sql 0005_posts.down.sql");
  REQUIRE(migrate({"hash", "--dir", dir2}).exitCode == 0);
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir2}).exitCode == 0); // 0005 = posts
  REQUIRE(runShell("cp " + shellQuote(dir) + "/0003_* " + shellQuote(dir2) + "/ && cd " + shellQuote(dir2) +
                   " && mv 0003_post_titles.up.sql 0004_post_titles.up.sql && mv 0003_post_titles.down.sql "
                   "0004_post_titles.down.sql")
              .exitCode == 0);
  REQUIRE(migrate({"hash", "--dir", dir2}).exitCode == 0);
  RunResult r = migrate({"apply", "--db", url, "--dir", dir2});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("note: 0004_post_titles is older than applied version 0005") != std::string::npos);
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001", "0004", "0005"});
}

TEST_CASE(
    "migrate sqlite: check replays the files, so a re-signed hand edit that changes the schema fails it",
    "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  // A data step is fine: same schema.
  handEdit(dir, "0002_posts.up.sql", "-- create index",
           "INSERT INTO users (id, email) VALUES (1, 'a@b');\n-- create index");
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);
  // A schema change behind the snapshot's back is not.
  handEdit(dir, "0002_posts.up.sql", "\"user_id\" INTEGER NOT NULL,",
           "\"user_id\" INTEGER NOT NULL, \"extra\" TEXT,");
  RunResult r = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("replayed") != std::string::npos);
  CHECK(r.out.find("extra") != std::string::npos);
}

TEST_CASE("migrate: broken folders and files exit 2 naming the file", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  const std::string models = tmp.file("models.yaml");

  tmp.write("sqlite/schema.snapshot.yaml", "models: [not, a, map\n");
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  RunResult snap = migrate({"new", "x", "--models", models, "--dir", dir, "--dialect", "sqlite"});
  CHECK(snap.exitCode == 2);
  CHECK(snap.err.find("schema.snapshot.yaml") != std::string::npos);
  CHECK(migrate({"check", "--models", models, "--dir", dir}).exitCode == 2);

  tmp.write("sqlite/tether.sum", "garbage\n\x01\x02 no spaces\n");
  RunResult sum = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(sum.exitCode == 2);
  CHECK(sum.err.find("tether.sum") != std::string::npos);

  tmp.write("sqlite/add stuff.up.sql", "SELECT 1;");
  RunResult named = migrate({"status", "--db", url, "--dir", dir});
  CHECK(named.exitCode == 2);
  CHECK(named.err.find("add stuff.up.sql is not named") != std::string::npos);

  CHECK(migrate({"apply", "--db", url, "--dir", models}).exitCode == 2); // a file, not a folder
  CHECK(migrate({"new", "!!", "--models", models, "--dir", tmp.file("fresh"), "--dialect", "sqlite"})
            .exitCode == 2);
  CHECK(migrate({"apply", "--db", url, "--dir", dir, "--lock-timeout", "-1"}).exitCode == 2);
}

TEST_CASE("migrate sqlite: a NUL byte in a migration is refused before anything runs", "[migrate]") {
  // SQLite and libpq read SQL as a C string: the statements after the NUL would be skipped while
  // the version was recorded as applied.
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  handEdit(dir, "0002_posts.up.sql", "CREATE TABLE", std::string("SELECT 1;\n") + '\0' + "\nCREATE TABLE",
           false);
  RunResult hash = migrate({"hash", "--dir", dir});
  INFO(hash.err);
  CHECK(hash.exitCode == 2);
  CHECK(hash.err.find("0002_posts.up.sql:6:1") != std::string::npos);
  CHECK(hash.err.find("NUL byte") != std::string::npos);
  RunResult apply = migrate({"apply", "--db", url, "--dir", dir});
  INFO(apply.err);
  CHECK(apply.exitCode == 2);
  CHECK_FALSE(hasTable(url, "users"));
  RunResult lint = migrate({"lint", "--dir", dir, "--dialect", "sqlite"});
  INFO(lint.err);
  CHECK(lint.exitCode == 2);
  CHECK(lint.err.find("NUL byte") != std::string::npos);
}

TEST_CASE("migrate sqlite: renames go up and back down keeping the rows", "[migrate]") {
  TempDir db;
  renamesKeepData(fileUrl(db));
}

TEST_CASE("migrate sqlite: a hand-written trigger with several statements runs as one", "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  handEdit(dir, "0002_posts.up.sql", "-- create index",
           "CREATE TABLE audit (n INTEGER);\nINSERT INTO audit VALUES (0);\n"
           "CREATE TRIGGER count_posts AFTER INSERT ON posts BEGIN\n"
           "  UPDATE audit SET n = n + CASE WHEN NEW.id > 0 THEN 1 ELSE 0 END;\n  UPDATE audit SET n = n * "
           "10;\nEND;\n"
           "-- create index");
  handEdit(dir, "0002_posts.down.sql", "DROP TABLE \"posts\";", "DROP TABLE \"posts\";\nDROP TABLE audit;");
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir, "--to", "0002"}).exitCode == 0);
  exec(url, "INSERT INTO users (id, email) VALUES (1, 'a')");
  exec(url, "INSERT INTO posts (id, user_id) VALUES (5, 1)");
  CHECK(rows(url, "SELECT n FROM audit").at(0).at(0).value_or("") == "10");
  REQUIRE(migrate({"down", "--db", url, "--dir", dir}).exitCode == 0);
  CHECK_FALSE(hasTable(url, "audit"));
}

TEST_CASE("migrate: folders default to tether.yaml's migrations: plus the dialect", "[migrate]") {
  TempDir tmp;
  tmp.write("models.yaml", modelsV2());
  tmp.write("tether.yaml", "models: models.yaml\nmigrations: db/migrations\ndb: sqlite:///app.db\n");
  RunResult n = runTether({"migrate", "new", "init", "--dialect", "sqlite"}, tmp.path());
  INFO(n.out + n.err);
  REQUIRE(n.exitCode == 0);
  CHECK(runShell("test -f " + shellQuote(tmp.file("db/migrations/sqlite/0001_init.up.sql"))).exitCode == 0);
  CHECK(runTether({"migrate", "check"}, tmp.path()).exitCode == 0);
  RunResult a = runTether({"migrate", "apply"}, tmp.path());
  INFO(a.out + a.err);
  CHECK(a.exitCode == 0);
  CHECK(a.out.find("applied 0001_init") != std::string::npos);
  CHECK(runTether({"migrate", "status", "--format", "json"}, tmp.path()).out.find("\"applied\": 1") !=
        std::string::npos);
  CHECK(runTether({"migrate", "hash"}, tmp.path()).out.find("signed db/migrations/sqlite/tether.sum") !=
        std::string::npos);
}

TEST_CASE("migrate: a lost snapshot stops new instead of recreating everything, and status warns on sums",
          "[migrate]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  std::remove((dir + "/schema.snapshot.yaml").c_str());
  RunResult st = migrate({"status", "--db", fileUrl(tmp), "--dir", dir});
  CHECK(st.exitCode == 0);
  CHECK(st.err.find("schema.snapshot.yaml: listed in tether.sum but missing") != std::string::npos);
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  RunResult r =
      migrate({"new", "again", "--models", tmp.file("models.yaml"), "--dir", dir, "--dialect", "sqlite"});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("no schema.snapshot.yaml") != std::string::npos);
  CHECK(runShell("ls " + shellQuote(dir) + " | grep -c 0004").out == "0\n");
}
