// PostgreSQL faults: a lock held by another session, an INVALID index and a NOT VALID key left
// by an interrupted --online apply, a backend terminated mid-apply.
#include "postgres/pg_test_util.h"
#include <chrono>
#include <cstdlib>
#include <thread>

using namespace tether;
using namespace tether::test;

namespace {
const std::string kModels = sourceDir() + "/examples/ecommerce";

// A psql session in the background holding a lock until it is terminated.
struct Blocker {
  const PgDatabase &db;
  explicit Blocker(const PgDatabase &d, const std::string &sql) : db(d) {
    std::system(("PGAPPNAME=tether_blocker psql -X -q " + shellQuote(db.url()) + " -c " +
                 shellQuote("BEGIN; " + sql + "; SELECT pg_sleep(60); COMMIT;") + " >/dev/null 2>&1 &")
                    .c_str());
    for (int i = 0; i < 100; ++i) {
      if (psqlValue(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tether_blocker' "
                        "AND wait_event = 'PgSleep' AND datname = current_database()") == "1")
        return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("the blocking session did not start");
  }
  ~Blocker() {
    runShell("psql -X -q " + shellQuote(db.url()) + " -c " +
             shellQuote("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = "
                        "'tether_blocker' AND datname = current_database()"));
  }
};

std::string withExtraColumn() {
  std::string m = readFile(kModels + "/models.yaml");
  auto at = m.find("      full_name: String(200)");
  REQUIRE(at != std::string::npos);
  m.insert(at, "      nickname: String(40)\n");
  return m;
}
} // namespace

TEST_CASE("pg safety: apply gives up on a held lock and names the session that holds it",
          "[safety][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", db.url()}).exitCode == 0);
  TempDir d;
  d.write("models.yaml", withExtraColumn());
  Blocker blocker(db, "LOCK TABLE users IN ACCESS SHARE MODE");
  auto started = std::chrono::steady_clock::now();
  RunResult r = runTether(
      {"apply", "--yes", "--lock-timeout", "0.3", "--models", d.file("models.yaml"), "--db", db.url()});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("lock timeout") != std::string::npos);
  CHECK(r.err.find("tether_blocker") != std::string::npos);
  CHECK(r.err.find("pid") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
  CHECK(psqlValue(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'nickname'") ==
        "0");
}

TEST_CASE("pg safety: migrate apply has a lock timeout too", "[safety][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir d;
  std::string dir = d.file("migs");
  REQUIRE(runTether({"migrate", "new", "init", "--dialect", "postgresql", "--models", kModels, "--dir", dir})
              .exitCode == 0);
  REQUIRE(runTether({"migrate", "apply", "--dir", dir, "--db", db.url()}).exitCode == 0);
  d.write("models.yaml", withExtraColumn());
  REQUIRE(runTether({"migrate", "new", "nickname", "--dialect", "postgresql", "--models",
                     d.file("models.yaml"), "--dir", dir})
              .exitCode == 0);
  Blocker blocker(db, "LOCK TABLE users IN ACCESS SHARE MODE");
  RunResult r = runTether({"migrate", "apply", "--ddl-lock-timeout", "0.3", "--dir", dir, "--db", db.url()});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("tether_blocker") != std::string::npos);
}

TEST_CASE("pg safety: an INVALID index is drift, and apply --online rebuilds it", "[safety][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", db.url()}).exitCode == 0);
  // What an interrupted CREATE INDEX CONCURRENTLY leaves behind.
  psql(db, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_orders_user_id'::regclass");
  RunResult plan = runTether({"plan", "--exit-code", "--models", kModels, "--db", db.url()});
  INFO(plan.out << plan.err);
  CHECK(plan.exitCode == 1);
  RunResult audit = runTether({"audit", "--models", kModels, "--db", db.url(), "--format", "json"});
  CHECK(audit.out.find("invalid_index") != std::string::npos);
  // The planner never uses an INVALID index, so the key it was built for is unindexed meanwhile.
  CHECK(audit.out.find("\"unindexed_foreign_key\"") != std::string::npos);
  CHECK(audit.out.find("orders(user_id) -> users has no index") != std::string::npos);
  RunResult apply = runTether({"apply", "--yes", "--online", "--models", kModels, "--db", db.url()});
  INFO(apply.out << apply.err);
  CHECK(apply.exitCode == 0);
  CHECK(psqlValue(db, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_orders_user_id'::regclass") ==
        "t");
  CHECK(runTether({"plan", "--exit-code", "--models", kModels, "--db", db.url()}).exitCode == 0);
}

TEST_CASE("pg safety: a NOT VALID foreign key is drift and an audit finding until validated",
          "[safety][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", db.url()}).exitCode == 0);
  std::string fk = psqlValue(
      db, "SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'f'");
  std::string def =
      psqlValue(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = '" + fk + "'");
  psql(db, "ALTER TABLE orders DROP CONSTRAINT " + fk + "; ALTER TABLE orders ADD CONSTRAINT " + fk + " " +
               def + " NOT VALID");
  RunResult plan = runTether({"plan", "--exit-code", "--models", kModels, "--db", db.url()});
  INFO(plan.out << plan.err);
  CHECK(plan.exitCode == 1);
  RunResult audit = runTether({"audit", "--models", kModels, "--db", db.url()});
  INFO(audit.out);
  CHECK(audit.out.find("NOT VALID") != std::string::npos);
  CHECK(audit.out.find("VALIDATE CONSTRAINT") != std::string::npos);
  RunResult apply = runTether({"apply", "--yes", "--models", kModels, "--db", db.url()});
  INFO(apply.out << apply.err);
  CHECK(apply.exitCode == 0);
  CHECK(
      psqlValue(db, "SELECT bool_and(convalidated) FROM pg_constraint WHERE conrelid = 'orders'::regclass") ==
      "t");
}

TEST_CASE("pg safety: a backend terminated mid-apply says the connection was lost and a rerun is safe",
          "[safety][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", db.url()}).exitCode == 0);
  TempDir d;
  d.write("models.yaml", withExtraColumn());
  RunResult r;
  {
    Blocker blocker(db, "LOCK TABLE users IN ACCESS SHARE MODE");
    std::thread killer([&] {
      for (int i = 0; i < 200; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::string n = psqlValue(
            db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                "application_name = 'tether' AND wait_event_type = 'Lock' AND datname = current_database()");
        if (n != "0") return;
      }
    });
    r = runTether(
        {"apply", "--yes", "--lock-timeout", "0", "--models", d.file("models.yaml"), "--db", db.url()});
    killer.join();
  }
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("connection") != std::string::npos);
  CHECK(r.err.find("lost") != std::string::npos);
  CHECK(r.err.find("nothing was changed") != std::string::npos);
  CHECK(r.err.find("rerun is safe") != std::string::npos);
  CHECK(r.err.find("client encoding") == std::string::npos);
  RunResult again = runTether({"apply", "--yes", "--models", d.file("models.yaml"), "--db", db.url()});
  INFO(again.out << again.err);
  CHECK(again.exitCode == 0);
}
