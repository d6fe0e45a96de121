#include "migrate/sum_file.h"
#include "migrate/transaction_marker.h"
#include "migrate_trust_scenarios.h"

using namespace tether;
using namespace tether::test;
using namespace tether::test::mig;

namespace {
std::string fileUrl(const TempDir &d) {
  return "sqlite:///" + d.file("app.db");
}
} // namespace

TEST_CASE("migrate trust: transaction control is found by its first words only", "[migrate][trust]") {
  CHECK(transactionControlKeyword("BEGIN") == "BEGIN");
  CHECK(transactionControlKeyword("  -- x\n/* y */ commit work") == "COMMIT");
  CHECK(transactionControlKeyword("Start Transaction ISOLATION LEVEL SERIALIZABLE") == "START TRANSACTION");
  CHECK(transactionControlKeyword("SAVEPOINT a") == "SAVEPOINT");
  CHECK(transactionControlKeyword("release savepoint a") == "RELEASE");
  CHECK(transactionControlKeyword("END") == "END");
  CHECK(transactionControlKeyword("DO $$ BEGIN PERFORM 1; END $$") == "");
  CHECK(transactionControlKeyword("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END") == "");
  CHECK(transactionControlKeyword("SELECT 'COMMIT'") == "");
  CHECK(transactionControlKeyword("START x") == "");
  CHECK(hasNoTransactionMarker("-- header\n-- tether:no-transaction\nCREATE INDEX i ON t (x);\n"));
  CHECK(hasNoTransactionMarker("  -- tether:no-transaction (CONCURRENTLY needs it)\n"));
  CHECK_FALSE(hasNoTransactionMarker("-- tether:no-transactions\n"));
  CHECK_FALSE(hasNoTransactionMarker("SELECT '-- tether:no-transaction';\n"));
}

TEST_CASE("migrate trust sqlite: COMMIT in a wrapped file is refused before anything runs",
          "[migrate][trust]") {
  TempDir db;
  commitRefused(fileUrl(db));
}

TEST_CASE("migrate trust sqlite: a failed no-transaction version is dirty until resolved",
          "[migrate][trust]") {
  TempDir db;
  dirtyVersion(fileUrl(db));
}

TEST_CASE("migrate trust sqlite: a marked down file runs one by one", "[migrate][trust]") {
  TempDir db;
  markedDown(fileUrl(db));
}

TEST_CASE("migrate trust sqlite: baseline adopts a database only when its schema matches",
          "[migrate][trust]") {
  TempDir db;
  baselineAdopts(fileUrl(db));
}

TEST_CASE("migrate trust sqlite: the rebuild the lint suggests runs under the marker", "[migrate][trust]") {
  TempDir tmp;
  const std::string url = fileUrl(tmp);
  const std::string dir = writeHistory(tmp, "sqlite");
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  exec(url, "INSERT INTO users (id, email) VALUES (1, 'a@x')");
  addVersion(
      tmp, dir, "0004_rebuild_users",
      "-- tether:no-transaction\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
      "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, nick TEXT);\n"
      "INSERT INTO users_new (id, email) SELECT id, email FROM users;\nDROP TABLE users;\n"
      "ALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_key_check;\nCOMMIT;\n"
      "PRAGMA foreign_keys = ON;\n");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 0); // main: "cannot start a transaction within a transaction"
  CHECK(count(url, "SELECT count(*) FROM users WHERE nick IS NULL AND email = 'a@x'") == 1);
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004' AND dirty = 0") == 1);
}

TEST_CASE("migrate trust sqlite: a failure inside the file's own BEGIN rolls that block back",
          "[migrate][trust]") {
  TempDir tmp;
  const std::string url = fileUrl(tmp);
  const std::string dir = writeHistory(tmp, "sqlite");
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  addVersion(tmp, dir, "0004_block",
             "-- tether:no-transaction\nCREATE TABLE before_block (x INTEGER);\nBEGIN;\n"
             "CREATE TABLE in_block (x INTEGER);\nINSERT INTO nowhere VALUES (1);\nCOMMIT;\n");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(hasTable(url, "before_block"));
  CHECK_FALSE(hasTable(url, "in_block"));
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004' AND dirty = 1 AND "
                   "statements_run = 1") == 1);
}

TEST_CASE("migrate trust: a missing --dir is exit 2 with a did-you-mean", "[migrate][trust]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "sqlite");
  const std::string url = fileUrl(tmp);
  for (const char *cmd : {"apply", "down", "status"}) {
    RunResult r = migrate({cmd, "--db", url, "--dir", tmp.file("sqlit")});
    INFO(cmd << ": " << r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("does not exist") != std::string::npos);
    CHECK(r.err.find("did you mean '" + dir + "'?") != std::string::npos);
    CHECK(r.out.find("up to date") == std::string::npos);
  }
  RunResult c = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", tmp.file("sqlit")});
  CHECK(c.exitCode == 2);
  CHECK(c.err.find("did you mean") != std::string::npos);
  CHECK(migrate({"hash", "--dir", tmp.file("sqlit")}).exitCode == 2);
}

TEST_CASE("migrate trust: the folder records its dialect and new infers it", "[migrate][trust]") {
  TempDir tmp;
  tmp.write("models.yaml", kModelsV1);
  const std::string dir = tmp.file("migrations");
  REQUIRE(migrate({"new", "users", "--models", tmp.file("models.yaml"), "--dir", dir, "--dialect", "sqlite"})
              .exitCode == 0);
  CHECK(readFile(dir + "/tether.sum").find("@dialect sqlite\n") != std::string::npos);
  RunResult c = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  INFO(c.out + c.err);
  CHECK(c.exitCode == 0); // main: "cannot tell the dialect"
  CHECK(c.out.find(": ok") != std::string::npos);

  tmp.write("models.yaml", modelsV2());
  RunResult n = migrate({"new", "posts", "--models", tmp.file("models.yaml"), "--dir", dir});
  INFO(n.out + n.err);
  CHECK(n.exitCode == 0);
  CHECK(readFile(dir + "/0002_posts.up.sql").find("sqlite") != std::string::npos);
  RunResult wrong =
      migrate({"new", "x", "--models", tmp.file("models.yaml"), "--dir", dir, "--dialect", "postgresql"});
  CHECK(wrong.exitCode == 2);
  CHECK(wrong.err.find("is for sqlite") != std::string::npos);

  // No folder yet: the scheme of $DATABASE_URL says.
  RunResult env =
      runTether({"migrate", "new", "users", "--models", tmp.file("models.yaml"), "--dir", tmp.file("fresh")},
                "", "DATABASE_URL=postgresql://u@127.0.0.1:1/none");
  INFO(env.out + env.err);
  CHECK(env.exitCode == 0);
  CHECK(readFile(tmp.file("fresh") + "/tether.sum").find("@dialect postgresql") != std::string::npos);
  RunResult none = migrate({"new", "users", "--models", tmp.file("models.yaml"), "--dir", tmp.file("other")});
  CHECK(none.exitCode == 2);
  CHECK(none.err.find("--dialect") != std::string::npos);
}

TEST_CASE("migrate trust: a deleted version re-signed is still caught by check", "[migrate][trust]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "postgresql");
  CHECK(readFile(dir + "/tether.sum").find("@snapshot 0003 post_titles ") != std::string::npos);
  REQUIRE(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);
  std::remove((dir + "/0003_post_titles.up.sql").c_str());
  std::remove((dir + "/0003_post_titles.down.sql").c_str());
  RunResult h = migrate({"hash", "--dir", dir});
  CHECK(h.exitCode == 0);
  CHECK(h.err.find("version 0003_post_titles was signed") != std::string::npos);
  RunResult c = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  INFO(c.out + c.err);
  CHECK(c.exitCode == 1); // main: "ok"
  CHECK(c.out.find("not the schema the last version, 0002_posts, reached") != std::string::npos);
}

TEST_CASE("migrate trust: renumbered versions re-signed are caught by check", "[migrate][trust]") {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "postgresql");
  std::rename((dir + "/0003_post_titles.up.sql").c_str(), (dir + "/0004_post_titles.up.sql").c_str());
  std::rename((dir + "/0003_post_titles.down.sql").c_str(), (dir + "/0004_post_titles.down.sql").c_str());
  std::rename((dir + "/0002_posts.up.sql").c_str(), (dir + "/0003_posts.up.sql").c_str());
  std::rename((dir + "/0002_posts.down.sql").c_str(), (dir + "/0003_posts.down.sql").c_str());
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  RunResult c = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  INFO(c.out + c.err);
  CHECK(c.exitCode == 1);
  CHECK(c.out.find("was 0003_post_titles when tether migrate new wrote it") != std::string::npos);
}

TEST_CASE("migrate trust postgres: COMMIT in a wrapped file is refused before anything runs",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  commitRefused(db.url());
}

TEST_CASE("migrate trust postgres: a failed no-transaction version is dirty until resolved",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  dirtyVersion(db.url());
}

TEST_CASE("migrate trust postgres: a marked down file runs one by one", "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  markedDown(db.url());
}

TEST_CASE("migrate trust postgres: baseline adopts a database only when its schema matches",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  baselineAdopts(db.url());
  // The throwaway replay schema is gone.
  CHECK(count(db.url(), "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tether_replay_%'") == 0);
}

TEST_CASE(
    "migrate trust postgres: CREATE INDEX CONCURRENTLY runs under the marker, and new --online writes it",
    "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "postgresql");
  REQUIRE(migrate({"apply", "--db", db.url(), "--dir", dir}).exitCode == 0);
  addVersion(tmp, dir, "0004_email_idx",
             "-- tether:no-transaction\nCREATE INDEX CONCURRENTLY ix_hand ON users (email);\n",
             "-- tether:no-transaction\nDROP INDEX CONCURRENTLY ix_hand;\n");
  RunResult r = migrate({"apply", "--db", db.url(), "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 0); // main: "cannot run inside a transaction block"
  CHECK(count(db.url(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_hand'") == 1);
  RunResult d = migrate({"down", "--db", db.url(), "--dir", dir});
  INFO(d.out + d.err);
  CHECK(d.exitCode == 0);
  CHECK(count(db.url(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_hand'") == 0);

  tmp.write("models.yaml", modelsV3() + "      nick: {type: String(40), index: true}\n");
  REQUIRE(migrate({"new", "nick", "--models", tmp.file("models.yaml"), "--dir", dir, "--online"}).exitCode ==
          0);
  const std::string up = readFile(dir + "/0005_nick.up.sql");
  CHECK(up.rfind("-- tether:no-transaction\n", 0) == 0);
  CHECK(up.find("SET LOCAL") == std::string::npos);
  CHECK(readFile(dir + "/0005_nick.down.sql").find("-- tether:no-transaction") != std::string::npos);
  RunResult on = migrate({"apply", "--db", db.url(), "--dir", dir});
  INFO(on.out + on.err);
  CHECK(on.exitCode == 0);
  CHECK(on.out.find("applied 0005_nick (outside a transaction)") != std::string::npos);
  CHECK(count(db.url(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_posts_nick'") == 1);
  CHECK(count(db.url(), "SELECT count(*) FROM tether_migrations WHERE version = '0005' AND dirty = 0") == 1);
}

TEST_CASE("migrate trust postgres: check --dev-db replays the files in a throwaway schema",
          "[migrate][trust][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "postgresql");
  RunResult ok = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir, "--dev-db", db.url()});
  INFO(ok.out + ok.err);
  CHECK(ok.exitCode == 0);
  // A hand edit that drops a column, re-signed: the snapshot still agrees, the replay does not.
  handEdit(dir, "0003_post_titles.up.sql", "ALTER TABLE", "SELECT 1; -- ALTER TABLE");
  RunResult bad = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir, "--dev-db", db.url()});
  INFO(bad.out + bad.err);
  CHECK(bad.exitCode == 1);
  CHECK(bad.out.find("replayed, the migrations differ from the models") != std::string::npos);
  CHECK(bad.out.find("title") != std::string::npos);
  CHECK(count(db.url(), "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'tether_replay_%'") == 0);
}
