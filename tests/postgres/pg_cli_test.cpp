// The commands end to end against the real server: apply, plan, inspect round trips.
#include "pg_test_util.h"

using namespace tether;
using namespace tether::test;

TEST_CASE("postgres cli: apply the e-commerce models, then plan is empty and inspect round-trips",
          "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  const std::string models = sourceDir() + "/examples/ecommerce";
  RunResult applied = runTether({"apply", "--yes", "--models", models, "--db", db.url()});
  INFO(applied.out << applied.err);
  REQUIRE(applied.exitCode == 0);
  CHECK((applied.out + applied.err).find("tether-test-pw") == std::string::npos);
  CHECK(runTether({"plan", "--exit-code", "--models", models, "--db", db.url()}).exitCode == 0);

  TempDir dir;
  RunResult inspected = runTether({"inspect", "--db", db.url(), "-o", dir.file("live.yaml")});
  INFO(inspected.err);
  REQUIRE(inspected.exitCode == 0);
  RunResult replanned =
      runTether({"plan", "--exit-code", "--models", dir.file("live.yaml"), "--db", db.url()});
  INFO(readFile(dir.file("live.yaml")) << replanned.out << replanned.err);
  CHECK(replanned.exitCode == 0);
}

TEST_CASE("postgres cli: inspect of every type and key kind plans to nothing", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE people (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, mentor_id integer REFERENCES people (id) ON DELETE SET NULL,
  n numeric(10,2) DEFAULT 0, f double precision, b boolean DEFAULT true, d date, t time, ts timestamp DEFAULT now(),
  tz timestamptz, by bytea, j json, u uuid, m mood DEFAULT 'ok', s smallint, big bigint, txt text DEFAULT 'x');
CREATE TABLE pairs (a integer, b integer, note varchar(20), PRIMARY KEY (a, b));
CREATE TABLE pair_refs (id bigserial PRIMARY KEY, pa integer NOT NULL, pb integer NOT NULL,
  FOREIGN KEY (pa, pb) REFERENCES pairs (a, b) ON DELETE CASCADE);
CREATE INDEX ix_pair_refs_pa_pb ON pair_refs (pa, pb);)");
  TempDir dir;
  RunResult inspected = runTether({"inspect", "--db", db.url(), "-o", dir.file("live.yaml")});
  INFO(inspected.err);
  REQUIRE(inspected.exitCode == 0);
  RunResult replanned =
      runTether({"plan", "--exit-code", "--models", dir.file("live.yaml"), "--db", db.url()});
  INFO(readFile(dir.file("live.yaml")) << replanned.out << replanned.err);
  CHECK(replanned.exitCode == 0);
}

TEST_CASE("postgres cli: an unreachable database is exit 2 with the password masked", "[postgres]") {
  RunResult r = runTether({"plan", "--models", sourceDir() + "/examples/ecommerce", "--db",
                           "postgresql://tether:hunter2-pw@127.0.0.1:1/x"});
  CHECK(r.exitCode == 2);
  CHECK((r.out + r.err).find("hunter2-pw") == std::string::npos);
  CHECK(r.err.find("***") != std::string::npos);
}
