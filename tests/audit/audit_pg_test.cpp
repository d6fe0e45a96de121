#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
void psql(const std::string &url, const std::string &sql) {
  auto r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(url) + " -c " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
}

std::string withUser(const std::string &url, const std::string &user, const std::string &pw) {
  auto at = url.find('@');
  return "postgresql://" + user + ":" + pw + url.substr(at);
}
} // namespace

TEST_CASE("audit postgres: exact orphan counts, composite FKs, NOT VALID constraints, as a SELECT-only role",
          "[audit][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db.url(), R"SQL(
CREATE TABLE users(id integer PRIMARY KEY, email varchar(255));
CREATE TABLE orders(id integer PRIMARY KEY, user_id integer);
CREATE TABLE parent(a integer, b integer, PRIMARY KEY (a, b));
CREATE TABLE child(id integer PRIMARY KEY, pa integer, pb integer);
INSERT INTO users VALUES (1, 'a'), (2, 'b');
INSERT INTO orders VALUES (1, 1), (2, 99), (3, NULL), (4, 98), (5, 2);
INSERT INTO parent VALUES (1, 1);
INSERT INTO child VALUES (1, 1, 1), (2, 1, 2), (3, NULL, 9), (4, 3, 3);
ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID;
ALTER TABLE child ADD FOREIGN KEY (pa, pb) REFERENCES parent(a, b) NOT VALID;
)SQL");
  std::string role = "reader_" + db.name();
  psql(db.url(), "CREATE ROLE " + role +
                     " LOGIN PASSWORD 'reader-pw'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
  auto r = runTether({"audit", "--db", withUser(db.url(), role, "reader-pw"), "--format", "json"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 1);
  CHECK(
      r.out.find("\"table\": \"orders\", \"columns\": [\"user_id\"], \"references\": {\"table\": \"users\", "
                 "\"columns\": [\"id\"]}, \"count\": 2") != std::string::npos);
  CHECK(r.out.find(
            "\"table\": \"child\", \"columns\": [\"pa\", \"pb\"], \"references\": {\"table\": \"parent\", "
            "\"columns\": [\"a\", \"b\"]}, \"count\": 2") != std::string::npos);
  CHECK(r.out.find("NOT VALID") != std::string::npos);
  CHECK(r.out.find("reader-pw") == std::string::npos);
  psql(db.url(), "DROP OWNED BY " + role + "; DROP ROLE " + role);
}

TEST_CASE("audit postgres: an unreachable server is exit 2 and the password is never printed",
          "[audit][postgres]") {
  auto r = runTether({"audit", "--db", "postgresql://someone:hunter2-secret@127.0.0.1:1/nodb"});
  CHECK(r.exitCode == 2);
  CHECK((r.out + r.err).find("hunter2-secret") == std::string::npos);
  CHECK(r.err.find("***") != std::string::npos);
}

TEST_CASE("audit postgres: the audit writes nothing (runs in READ ONLY transactions)", "[audit][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db.url(), "CREATE TABLE t(id integer PRIMARY KEY, p integer REFERENCES t(id))");
  auto before = runShell("psql -X -At " + shellQuote(db.url()) +
                         " -c \"SELECT n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_database WHERE datname "
                         "= current_database()\"");
  auto r = runTether({"audit", "--db", db.url(), "--format", "json"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("unindexed_foreign_key") != std::string::npos);
  auto tables = runShell("psql -X -At " + shellQuote(db.url()) +
                         " -c \"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'\"");
  CHECK(tables.out == "1\n");
}

// PostgreSQL has no min() for uuid or boolean: the count's example keys are read as text there,
// while integer keys keep their numeric order (9 before 10).
TEST_CASE("audit postgres: orphans behind uuid and boolean keys are counted, integer keys range in order",
          "[audit][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db.url(), R"SQL(
CREATE TABLE files(id uuid PRIMARY KEY);
CREATE TABLE links(id integer PRIMARY KEY, file_id uuid);
CREATE TABLE flags(on_off boolean PRIMARY KEY);
CREATE TABLE switches(id integer PRIMARY KEY, state boolean);
CREATE TABLE nums(id integer PRIMARY KEY);
CREATE TABLE refs(id integer PRIMARY KEY, num_id integer);
INSERT INTO files VALUES ('00000000-0000-0000-0000-000000000001');
INSERT INTO links VALUES (1, '00000000-0000-0000-0000-000000000001'), (2, '00000000-0000-0000-0000-00000000000f');
INSERT INTO flags VALUES (true);
INSERT INTO switches VALUES (1, true), (2, false);
INSERT INTO refs VALUES (1, 9), (2, 10);
ALTER TABLE links ADD FOREIGN KEY (file_id) REFERENCES files(id) NOT VALID;
ALTER TABLE switches ADD FOREIGN KEY (state) REFERENCES flags(on_off) NOT VALID;
ALTER TABLE refs ADD FOREIGN KEY (num_id) REFERENCES nums(id) NOT VALID;
)SQL");
  auto r = runTether({"audit", "--db", db.url(), "--format", "json"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("orphan check failed") == std::string::npos);
  CHECK(r.out.find("\"table\": \"links\", \"columns\": [\"file_id\"]") != std::string::npos);
  CHECK(r.out.find("00000000-0000-0000-0000-00000000000f") != std::string::npos);
  CHECK(r.out.find("\"table\": \"switches\", \"columns\": [\"state\"]") != std::string::npos);
  // The plan's warning before adding such a key reads the same count: keys 9 to 10, not 10 to 9.
  TempDir dir;
  dir.write("m.yaml", "tables:\n  nums:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                      "  refs:\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                      "      num_id: {type: Integer, foreign_key: nums.id}\n");
  psql(db.url(), "ALTER TABLE refs DROP CONSTRAINT refs_num_id_fkey");
  auto plan = runTether({"plan", "--models", dir.file("m.yaml"), "--db", db.url()});
  INFO(plan.out << plan.err);
  CHECK(plan.err.find("2 orphan rows (keys 9 to 10)") != std::string::npos);
}
