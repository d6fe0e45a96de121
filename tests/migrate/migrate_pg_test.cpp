#include "migrate/migration_lock.h"
#include "migrate_scenarios.h"

using namespace tether::test;
using namespace tether::test::mig;

TEST_CASE("migrate postgres: new, apply, status, down, apply again", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  cycle(db.url());
}

TEST_CASE("migrate postgres: an applied file edited afterwards is refused", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  editedAfterApply(db.url());
}

TEST_CASE("migrate postgres: a directory not matching its sum file is refused", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  sumMismatch(db.url());
}

TEST_CASE("migrate postgres: a failing migration in a batch leaves the earlier ones applied",
          "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  failingInTheMiddle(db.url());
}

TEST_CASE("migrate postgres: three concurrent appliers apply each version once", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  concurrentAppliers(db.url());
}

TEST_CASE("migrate postgres: tether_migrations of an older layout, or missing", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  olderOrMissingRevisionTable(db.url());
}

TEST_CASE("migrate postgres: a database changed by hand is refused unless --allow-drift",
          "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  driftRefused(db.url());
}

TEST_CASE("migrate postgres: the project's own history applies, reverts and matches the example",
          "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  projectHistory(db.url());
}

TEST_CASE("migrate postgres: the advisory lock waits up to --lock-timeout, then names the holder pid",
          "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = writeHistory(tmp, "postgresql");
  const std::string holder =
      "psql -X -q " + shellQuote(db.url()) + " -c " +
      shellQuote("SELECT pg_advisory_lock(" + std::to_string(tether::kAdvisoryLockKey) + "), pg_sleep(3)") +
      " >/dev/null";
  RunResult r = runShell(holder + " & sleep 0.5; " + shellQuote(TETHER_BINARY) + " migrate apply --db " +
                         shellQuote(db.url()) + " --dir " + shellQuote(dir) +
                         " --lock-timeout 0.5 2>&1; echo rc=$?; wait");
  INFO(r.out);
  CHECK(r.out.find("rc=2") != std::string::npos);
  CHECK(r.out.find("holds the migration lock") != std::string::npos);
  CHECK(r.out.find("server process pid ") != std::string::npos);
  CHECK(r.out.find("application 'psql'") != std::string::npos);
  CHECK(r.out.find("tether-test-pw") == std::string::npos); // the password is masked
  CHECK(migrate({"apply", "--db", db.url(), "--dir", dir}).exitCode == 0);
}

TEST_CASE("migrate postgres: --online steps run after their version's transaction and revert likewise",
          "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = tmp.file("postgresql");
  tmp.write("m.yaml", kModelsV1);
  REQUIRE(migrate({"new", "users", "--models", tmp.file("m.yaml"), "--dir", dir, "--dialect", "postgresql"})
              .exitCode == 0);
  tmp.write("m.yaml", std::string(kModelsV1) + "      nick: {type: String(40), index: true}\n");
  REQUIRE(migrate({"new", "nick", "--models", tmp.file("m.yaml"), "--dir", dir, "--dialect", "postgresql",
                   "--online"})
              .exitCode == 0);
  std::string up = readFile(dir + "/0002_nick.up.sql");
  CHECK(up.find("CREATE INDEX CONCURRENTLY") != std::string::npos);
  RunResult r = migrate({"apply", "--db", db.url(), "--dir", dir});
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0); // CONCURRENTLY inside a transaction would have failed
  CHECK(count(db.url(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_users_nick'") == 1);
  REQUIRE(migrate({"down", "--db", db.url(), "--dir", dir}).exitCode == 0);
  CHECK(count(db.url(), "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_users_nick'") == 0);
  REQUIRE(migrate({"apply", "--db", db.url(), "--dir", dir}).exitCode == 0);
  CHECK(runTether({"plan", "--db", db.url(), "--models", tmp.file("m.yaml"), "--exit-code"}).exitCode == 0);
}

TEST_CASE("migrate postgres: renames go up and back down keeping the rows", "[migrate][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  renamesKeepData(db.url());
}
