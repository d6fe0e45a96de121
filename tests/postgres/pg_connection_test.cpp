#include "core/error.h"
#include "dialect/postgres/postgres.h"
#include "pg_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
SqlStep sqlStep(const std::string &sql, bool transactional = true) {
  return SqlStep{sql, "test: " + sql, 0, transactional};
}

std::string errorOf(const std::function<void()> &f) {
  try {
    f();
  } catch (const Error &e) {
    return e.what();
  }
  FAIL("no tether::Error was thrown");
  return "";
}
} // namespace

TEST_CASE("postgres connection: a failing apply names the statement and changes nothing", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, "CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
  auto conn = openDb(db);
  std::string msg = errorOf([&] {
    conn->apply({sqlStep("CREATE TABLE created_first (id int)"), sqlStep("ALTER TABLE t ADD COLUMN x int"),
                 sqlStep("INSERT INTO t VALUES (2)"), sqlStep("ALTER TABLE missing ADD COLUMN y int"),
                 sqlStep("CREATE TABLE never (id int)")});
  });
  CHECK(msg.find("ALTER TABLE missing ADD COLUMN y int") != std::string::npos);
  CHECK(msg.find("relation \"missing\" does not exist") != std::string::npos);
  CHECK(msg.find("nothing was changed") != std::string::npos);
  Schema s = conn->introspect();
  CHECK(s.tables.size() == 1);
  CHECK(s.table("t")->columns.size() == 1);
  CHECK(psqlValue(db, "SELECT count(*) FROM t") == "1");
  // The connection is usable afterwards.
  conn->apply({sqlStep("CREATE TABLE after_failure (id int)")});
  CHECK(conn->introspect().table("after_failure"));
}

TEST_CASE("postgres connection: an unreachable server fails fast without the password", "[postgres]") {
  const std::string url = "postgresql://tether:s3cr3t-pw@127.0.0.1:1/nowhere";
  std::string msg = errorOf([&] { openConnection(url); });
  CHECK(msg.find("s3cr3t-pw") == std::string::npos);
  CHECK(msg.find("postgresql://tether:***@127.0.0.1:1/nowhere") != std::string::npos);
  CHECK(msg.find("cannot connect") != std::string::npos);
}

TEST_CASE("postgres connection: a wrong password is refused without echoing it", "[postgres]") {
  REQUIRE_PG();
  DbUrl u = parseDbUrl(pgUrl());
  std::string wrong = pgUrl();
  wrong.replace(wrong.find(u.password), u.password.size(), "not-the-pw-123");
  std::string msg = errorOf([&] { openConnection(wrong); });
  CHECK(msg.find("not-the-pw-123") == std::string::npos);
  CHECK(msg.find("password authentication failed") != std::string::npos);
}

TEST_CASE("postgres connection: read-only mode refuses writes, reads still work", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, "CREATE TABLE t (id int); INSERT INTO t VALUES (7)");
  OpenOptions opts;
  opts.readOnly = true;
  opts.statementTimeoutMs = 200;
  auto conn = openDb(db, opts);
  CHECK(conn->query("SELECT id FROM t WHERE id = $1", {"7"}).size() == 1);
  CHECK(conn->introspect().tables.size() == 1);
  std::string msg = errorOf([&] { conn->execute("INSERT INTO t VALUES (8)"); });
  CHECK(msg.find("read-only transaction") != std::string::npos);
  CHECK_THROWS_AS(conn->apply({sqlStep("DROP TABLE t")}), Error);
  CHECK(errorOf([&] { conn->query("SELECT pg_sleep(2)"); }).find("statement timeout") != std::string::npos);
  CHECK(psqlValue(db, "SELECT count(*) FROM t") == "1");
}

TEST_CASE("postgres connection: query binds parameters and returns NULL as no value", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  auto conn = openDb(db);
  auto rows = conn->query("SELECT $1::text, NULL::text, $2::int + 1", {"it's'; DROP TABLE x; --", "41"});
  REQUIRE(rows.size() == 1);
  REQUIRE(rows[0].size() == 3);
  CHECK(*rows[0][0] == "it's'; DROP TABLE x; --");
  CHECK_FALSE(rows[0][1].has_value());
  CHECK(*rows[0][2] == "42");
  CHECK(conn->displayName().find("tether-test-pw") == std::string::npos);
  CHECK(conn->dialect().name() == "postgresql");
}
