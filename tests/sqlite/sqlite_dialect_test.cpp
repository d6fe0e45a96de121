#include "dialect/sqlite/sqlite.h"
#include "dialect/sqlite/sqlite_defaults.h"
#include "dialect/sqlite/sqlite_types.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
Column model(const std::string &type, bool autoincrement = false) {
  Column c;
  c.name = "c";
  c.type = *parseColumnType(type).type;
  c.autoincrement = autoincrement;
  return c;
}
Column db(const std::string &declared) {
  Column c;
  c.name = "c";
  c.dbType = declared;
  c.type = sqliteDialect().modelTypeOf(c);
  return c;
}
} // namespace

TEST_CASE("sqlite: identifiers and literals are quoted by doubling", "[sqlite]") {
  const Dialect &d = sqliteDialect();
  CHECK(d.quoteIdent("weird \"table\"; DROP TABLE users; --") ==
        "\"weird \"\"table\"\"; DROP TABLE users; --\"");
  CHECK(d.quoteIdent("select") == "\"select\"");
  CHECK(d.quoteLiteral("it's") == "'it''s'");
}

TEST_CASE("sqlite: types render as the model format's table says", "[sqlite]") {
  const Dialect &d = sqliteDialect();
  CHECK(d.renderType(model("Integer")) == "INTEGER");
  CHECK(d.renderType(model("BigInteger")) == "BIGINT");
  CHECK(d.renderType(model("BigInteger", true)) == "BIGINT"); // as create_all() writes it (issue 13)
  CHECK(d.renderType(model("SmallInteger")) == "SMALLINT");
  CHECK(d.renderType(model("String(255)")) == "VARCHAR(255)");
  CHECK(d.renderType(model("String")) == "VARCHAR");
  CHECK(d.renderType(model("Text")) == "TEXT");
  CHECK(d.renderType(model("Numeric(10, 2)")) == "NUMERIC(10, 2)");
  CHECK(d.renderType(model("Float")) == "FLOAT");
  CHECK(d.renderType(model("Boolean")) == "BOOLEAN");
  CHECK(d.renderType(model("DateTime(timezone=True)")) == "DATETIME");
  CHECK(d.renderType(model("LargeBinary")) == "BLOB");
  CHECK(d.renderType(model("JSON")) == "JSON");
  CHECK(d.renderType(model("Uuid")) == "CHAR(32)");
  CHECK(d.renderType(model("Enum(pending, shipped, name=s)")) == "VARCHAR(7)");
}

TEST_CASE("sqlite: declared types compare case-insensitively with SQLite's aliases", "[sqlite]") {
  const Dialect &d = sqliteDialect();
  CHECK(d.sameType(model("Integer"), db("int")));
  CHECK(d.sameType(model("Integer"), db("INTEGER")));
  CHECK(d.sameType(model("String(255)"), db("varchar (255)")));
  CHECK_FALSE(d.sameType(model("String(255)"), db("VARCHAR(100)")));
  CHECK(d.sameType(model("Numeric(10, 2)"), db("NUMERIC(10,2)")));
  CHECK(d.sameType(model("BigInteger"), db("BIGINT")));
  CHECK(d.sameType(model("BigInteger", true), db("INTEGER")));
  CHECK_FALSE(d.sameType(model("Integer"), db("TEXT")));
  CHECK(d.sameType(model("Float"), db("REAL")));
  CHECK(d.sameType(model("DateTime"), db("DATETIME")));
}

TEST_CASE("sqlite: declared types read back as model types", "[sqlite]") {
  CHECK(db("VARCHAR(20)").type.str() == "String(20)");
  CHECK(db("numeric(10, 2)").type.str() == "Numeric(10, 2)");
  CHECK(db("BIGINT").type.kind == TypeKind::BigInteger);
  CHECK(db("CHAR(32)").type.kind == TypeKind::Custom);
  CHECK(db("CHAR(32)").type.perDialect.at("sqlite") == "CHAR(32)");
}

TEST_CASE("sqlite: defaults render and compare by value", "[sqlite]") {
  using K = ColumnDefault::Kind;
  CHECK(sqlite::renderDefault({K::String, "it's"}) == "'it''s'");
  CHECK(sqlite::renderDefault({K::Number, "42"}) == "42");
  CHECK(sqlite::renderDefault({K::Boolean, "true"}) == "1");
  CHECK(sqlite::renderDefault({K::Sql, "CURRENT_TIMESTAMP"}) == "CURRENT_TIMESTAMP");
  CHECK(sqlite::renderDefault({K::Sql, "datetime('now')"}) == "(datetime('now'))");
  CHECK(sqlite::parseDefault("'it''s'") == ColumnDefault{K::String, "it's"});
  CHECK(sqlite::parseDefault("(42)") == ColumnDefault{K::Number, "42"});
  CHECK_FALSE(sqlite::parseDefault("NULL").present());
  CHECK(sqlite::sameDefault({K::Boolean, "true"}, sqlite::parseDefault("1")));
  CHECK(sqlite::sameDefault({K::Boolean, "false"}, sqlite::parseDefault("'0'")));
  CHECK(sqlite::sameDefault({K::Number, "1.50"}, sqlite::parseDefault("1.5")));
  CHECK(sqlite::sameDefault({K::Sql, "datetime('now')"}, sqlite::parseDefault("(datetime ( 'now' ))")));
  CHECK_FALSE(sqlite::sameDefault({K::String, "a"}, sqlite::parseDefault("'b'")));
  CHECK_FALSE(sqlite::sameDefault({K::String, "a"}, ColumnDefault{}));
}
