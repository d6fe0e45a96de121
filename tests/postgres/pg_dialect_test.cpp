#include "core/error.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_types.h"
#include "dialect/postgres/postgres.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
ColumnType type(const std::string &spelling) {
  TypeParse p = parseColumnType(spelling);
  REQUIRE(p.type);
  return *p.type;
}
Column modelCol(const std::string &spelling) {
  Column c;
  c.type = type(spelling);
  return c;
}
Column dbCol(const std::string &dbType) {
  Column c;
  c.dbType = dbType;
  c.type = postgresDialect().modelTypeOf(c);
  return c;
}
} // namespace

TEST_CASE("postgres dialect: identifiers are always quoted, literals doubled", "[postgres]") {
  const Dialect &pg = postgresDialect();
  CHECK(pg.name() == "postgresql");
  CHECK(pg.quoteIdent("users") == "\"users\"");
  CHECK(pg.quoteIdent("select") == "\"select\"");
  CHECK(pg.quoteIdent("weird \"table\"; DROP TABLE users; --") ==
        "\"weird \"\"table\"\"; DROP TABLE users; --\"");
  CHECK(pg.quoteLiteral("it's") == "'it''s'");
  CHECK(pg.quoteLiteral("back\\slash") == "'back\\slash'");
  CHECK_THROWS_AS(pg.quoteLiteral(std::string("a\0b", 3)), Error);
}

TEST_CASE("postgres dialect: default constraint names as the server picks them", "[postgres]") {
  CHECK(pg::defaultConstraintName("orders", {"user_id"}, "fkey") == "orders_user_id_fkey");
  CHECK(pg::defaultConstraintName("t", {"a", "b"}, "key") == "t_a_b_key");
  CHECK(pg::defaultConstraintName("users", {}, "pkey") == "users_pkey");
  std::string longTable(60, 't'), longCol(60, 'c');
  std::string n = pg::defaultConstraintName(longTable, {longCol}, "fkey");
  CHECK(n.size() == 63);
  CHECK(n == std::string(29, 't') + "_" + std::string(28, 'c') + "_fkey");
}

TEST_CASE("postgres dialect: model types render as the spec table says", "[postgres]") {
  const Dialect &pg = postgresDialect();
  CHECK(pg.renderType(modelCol("Integer")) == "integer");
  CHECK(pg.renderType(modelCol("String(255)")) == "varchar(255)");
  CHECK(pg.renderType(modelCol("Numeric(10, 2)")) == "numeric(10,2)");
  CHECK(pg.renderType(modelCol("Float")) == "double precision");
  CHECK(pg.renderType(modelCol("DateTime(timezone=True)")) == "timestamptz");
  CHECK(pg.renderType(modelCol("LargeBinary")) == "bytea");
  CHECK(pg.renderType(modelCol("Enum(a, b, name=Order Status)")) == "\"Order Status\"");
  Column id = modelCol("BigInteger");
  id.autoincrement = true;
  CHECK(pg.renderType(id) == "bigserial");
  Column custom;
  custom.type.kind = TypeKind::Custom;
  custom.type.perDialect = {{"postgresql", "jsonb"}, {"sqlite", "TEXT"}};
  CHECK(pg.renderType(custom) == "jsonb");
  custom.type.perDialect = {{"sqlite", "TEXT"}};
  CHECK_THROWS_AS(pg.renderType(custom), Error);
}

TEST_CASE("postgres dialect: types compare after the server's normalisation", "[postgres]") {
  const Dialect &pg = postgresDialect();
  CHECK(pg.sameType(modelCol("String(255)"), dbCol("character varying(255)")));
  CHECK_FALSE(pg.sameType(modelCol("String(255)"), dbCol("character varying(100)")));
  CHECK_FALSE(pg.sameType(modelCol("String(255)"), dbCol("text")));
  CHECK(pg.sameType(modelCol("String"), dbCol("character varying")));
  CHECK(pg.sameType(modelCol("DateTime"), dbCol("timestamp without time zone")));
  CHECK(pg.sameType(modelCol("DateTime(timezone=True)"), dbCol("timestamp with time zone")));
  CHECK_FALSE(pg.sameType(modelCol("DateTime"), dbCol("timestamp with time zone")));
  CHECK(pg.sameType(modelCol("Time"), dbCol("time without time zone")));
  CHECK(pg.sameType(modelCol("Numeric(10, 2)"), dbCol("numeric(10,2)")));
  CHECK(pg.sameType(modelCol("Numeric(10)"), dbCol("numeric(10,0)")));
  CHECK_FALSE(pg.sameType(modelCol("Numeric(10, 2)"), dbCol("numeric(12,2)")));
  CHECK(pg.sameType(modelCol("Integer"), dbCol("integer")));
  CHECK_FALSE(pg.sameType(modelCol("Integer"), dbCol("bigint")));
  CHECK(pg.sameType(modelCol("Float"), dbCol("double precision")));
  Column custom;
  custom.type.kind = TypeKind::Custom;
  custom.type.perDialect = {{"postgresql", "INT4"}};
  CHECK(pg.sameType(custom, dbCol("integer")));
  custom.type.perDialect = {{"postgresql", "timestamptz(3)"}};
  CHECK(pg.sameType(custom, dbCol("timestamp(3) with time zone")));
  custom.type.perDialect = {{"postgresql", "varchar(20)[]"}};
  CHECK(pg.sameType(custom, dbCol("character varying(20)[]")));
  Column enumDb;
  enumDb.dbType = "mood";
  enumDb.type = type("Enum(a, name=mood)");
  CHECK(pg.sameType(modelCol("Enum(a, b, name=mood)"), enumDb));
  CHECK_FALSE(pg.sameType(modelCol("Enum(a, b, name=other)"), enumDb));
}

TEST_CASE("postgres dialect: defaults as pg_get_expr prints them", "[postgres]") {
  using K = ColumnDefault::Kind;
  auto p = [](const std::string &e) { return pg::parseDefault(e); };
  CHECK(p("'x'::character varying").kind == K::String);
  CHECK(p("'x'::character varying").value == "x");
  CHECK(p("'it''s'::text").value == "it's");
  CHECK(p("true").kind == K::Boolean);
  CHECK(p("'-1'::integer").kind == K::Number);
  CHECK(p("'-1'::integer").value == "-1");
  CHECK(p("(-1)").value == "-1");
  CHECK(p("0.00").kind == K::Number);
  CHECK(p("NULL::character varying").kind == K::None);
  CHECK(p("now()").kind == K::Sql);
  CHECK(p("'a'::text || 'b'::text").kind == K::Sql);
  CHECK(pg::isSequenceDefault("nextval('users_id_seq'::regclass)"));
  CHECK(pg::renderDefault({K::String, "it's"}) == "'it''s'");
  CHECK(pg::renderDefault({K::Number, "1.5"}) == "1.5");
  CHECK(pg::renderDefault({K::Number, "1; DROP TABLE x"}) == "'1; DROP TABLE x'");
  CHECK(pg::renderDefault({K::Boolean, "false"}) == "false");
  CHECK(pg::sameDefault({K::Number, "0"}, {K::Number, "0.00"}));
  CHECK(pg::sameDefault({K::Sql, "CURRENT_TIMESTAMP"}, {K::Sql, "now()"}));
  CHECK(pg::sameDefault({K::Sql, "'x'"}, {K::String, "x"}));
  CHECK_FALSE(pg::sameDefault({K::String, "01"}, {K::String, "1"}));
  CHECK_FALSE(pg::sameDefault({K::Sql, "now()"}, {K::String, "now()"}));

  // A serial's nextval() default is the model's autoincrement, not drift.
  Column model = modelCol("Integer");
  model.autoincrement = true;
  Column db = dbCol("integer");
  db.defaultValue = {K::Sql, "nextval('t_id_seq'::regclass)"};
  CHECK(postgresDialect().sameDefault(model, db));
  // A named sequence's nextval() default (inspect reads it as sequence:) is not a serial's.
  db.sequence.name = "t_id_seq";
  CHECK_FALSE(postgresDialect().sameDefault(model, db));
}
