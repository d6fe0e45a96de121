#include "dialect/postgres/postgres.h"
#include "pg_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
const Column &col(const Schema &s, const std::string &table, const std::string &column) {
  const Table *t = s.table(table);
  REQUIRE(t);
  const Column *c = t->column(column);
  REQUIRE(c);
  return *c;
}
} // namespace

TEST_CASE("postgres introspection: every model type maps back", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE everything (
  i integer, b bigint, s smallint, v varchar(255), vu varchar, t text, n numeric(10,2), nu numeric,
  f double precision, bo boolean, d date, ti time, ts timestamp, tz timestamptz, by bytea, j json,
  u uuid, m mood, jb jsonb, r real);)");
  Schema s = openDb(db)->introspect();
  auto typeOf = [&](const char *c) { return col(s, "everything", c).type.str(); };
  CHECK(typeOf("i") == "Integer");
  CHECK(typeOf("b") == "BigInteger");
  CHECK(typeOf("s") == "SmallInteger");
  CHECK(typeOf("v") == "String(255)");
  CHECK(typeOf("vu") == "String");
  CHECK(typeOf("t") == "Text");
  CHECK(typeOf("n") == "Numeric(10, 2)");
  CHECK(typeOf("nu") == "Numeric");
  CHECK(typeOf("f") == "Float");
  CHECK(typeOf("bo") == "Boolean");
  CHECK(typeOf("d") == "Date");
  CHECK(typeOf("ti") == "Time");
  CHECK(typeOf("ts") == "DateTime");
  CHECK(typeOf("tz") == "DateTime(timezone=True)");
  CHECK(typeOf("by") == "LargeBinary");
  CHECK(typeOf("j") == "JSON");
  CHECK(typeOf("u") == "Uuid");
  CHECK(typeOf("m") == "Enum(sad, ok, happy, name=mood)");
  CHECK(typeOf("jb") == "{postgresql: jsonb}");
  CHECK(typeOf("r") == "{postgresql: real}");
  CHECK(col(s, "everything", "v").dbType == "character varying(255)");
  REQUIRE(s.enums.size() == 1);
  CHECK(s.enums[0].values == std::vector<std::string>{"sad", "ok", "happy"});
}
