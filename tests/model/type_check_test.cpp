// Boolean/Enum(create_constraint=True) and Enum(native_enum=False): how the spelling reads and
// writes back, and which CHECK each database gets (SQLAlchemy's create_all() as the rule).
#include "model/column_type.h"
#include "model/schema.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
ColumnType parsed(const std::string &spelling) {
  TypeParse p = parseColumnType(spelling);
  INFO(spelling << ": " << p.error);
  REQUIRE(p.type);
  return *p.type;
}

Schema oneColumn(const std::string &column, const std::string &spelling) {
  Schema s;
  Table t;
  t.name = "tickets";
  Column c;
  c.name = column;
  c.type = parsed(spelling);
  t.columns.push_back(c);
  s.tables.push_back(t);
  return s;
}
} // namespace

TEST_CASE("type checks: the keyword arguments read and write back as written", "[model][types]") {
  for (const char *s : {"Boolean(create_constraint=True)", "Boolean(create_constraint=True, name=ck_flag)",
                        "Enum(a, b, name=t, native_enum=False, length=20, create_constraint=True)",
                        "Enum(a, b, name=t)", "Boolean"})
    CHECK(parsed(s).str() == s);
  ColumnType e = parsed("Enum(a, 'x=y', native_enum=false, create_constraint=TRUE)");
  CHECK(e.enumValues == std::vector<std::string>{"a", "x=y"});
  CHECK_FALSE(e.nativeEnum);
  CHECK(e.createConstraint);
  CHECK_FALSE(e.isNativeEnum());
  CHECK(parsed("Enum(a, name=t)").isNativeEnum());
  CHECK(parsed("Boolean(create_constraint=True)") != parsed("Boolean"));
}

TEST_CASE("type checks: a wrong keyword argument is an error naming it", "[model][types]") {
  for (const char *s : {"Boolean(create_constraint=yes)", "Boolean(nmae=x)", "Boolean(1)",
                        "Enum(a, native_enums=False)", "Enum(a, length=0)", "Enum(abc, length=2)"}) {
    TypeParse p = parseColumnType(s);
    INFO(s);
    CHECK_FALSE(p.type);
    CHECK(p.error.find("bad arguments") != std::string::npos);
    CHECK_FALSE(p.hint.empty());
  }
}

TEST_CASE("type checks: the CHECK comes only where the database lacks the native type", "[model][types]") {
  const NativeTypes sqlite{false, false}, postgres{true, true};
  Schema b = oneColumn("Open", "Boolean(create_constraint=True, name=ck_open)");
  REQUIRE(forDialect(b, "sqlite", sqlite).tables[0].checks.size() == 1);
  const CheckConstraint k = forDialect(b, "sqlite", sqlite).tables[0].checks[0];
  CHECK(k.name == "ck_open");
  CHECK(k.sql == "\"Open\" IN (0, 1)");
  CHECK(k.columns == std::vector<std::string>{"Open"});
  CHECK(k.typeBound);
  CHECK(forDialect(b, "postgresql", postgres).tables[0].checks.empty());

  Schema native = oneColumn("state", "Enum(new, it's, name=state, create_constraint=True)");
  CHECK(forDialect(native, "postgresql", postgres).tables[0].checks.empty());
  REQUIRE(forDialect(native, "sqlite", sqlite).tables[0].checks.size() == 1);
  CHECK(forDialect(native, "sqlite", sqlite).tables[0].checks[0].sql == "\"state\" IN ('new', 'it''s')");
  CHECK(forDialect(native, "sqlite", sqlite).tables[0].checks[0].name == "state");

  Schema text = oneColumn("kind", "Enum(bug, feature, name=kind, native_enum=False, create_constraint=True)");
  CHECK(forDialect(text, "postgresql", postgres).tables[0].checks.size() == 1);
  CHECK(oneColumn("kind", "Enum(bug, native_enum=False)").tables[0].checks.empty());

  // The plan resolves the models, and the differ again: the CHECK must not come twice.
  CHECK(forDialect(forDialect(b, "sqlite", sqlite), "sqlite", sqlite).tables[0].checks.size() == 1);
}
