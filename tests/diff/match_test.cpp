#include "diff/match.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
ColumnType t(const std::string &spelling) {
  return *parseColumnType(spelling).type;
}
} // namespace

TEST_CASE("diff: narrowing types are the ones that can lose data", "[diff]") {
  CHECK(isNarrowing(t("String(255)"), t("String(100)")));
  CHECK_FALSE(isNarrowing(t("String(100)"), t("String(255)")));
  CHECK_FALSE(isNarrowing(t("String(100)"), t("Text")));
  CHECK(isNarrowing(t("Text"), t("String(100)")));
  CHECK(isNarrowing(t("BigInteger"), t("Integer")));
  CHECK_FALSE(isNarrowing(t("SmallInteger"), t("BigInteger")));
  CHECK(isNarrowing(t("Numeric(10, 2)"), t("Numeric(8, 2)")));
  CHECK_FALSE(isNarrowing(t("Numeric(10, 2)"), t("Numeric(12, 3)")));
  CHECK(isNarrowing(t("Enum(a, b)"), t("Enum(a)")));
  CHECK_FALSE(isNarrowing(t("Enum(a)"), t("Enum(a, b)")));
  CHECK(isNarrowing(t("Text"), t("Integer")));
}

TEST_CASE("diff: foreign keys match on columns, target and actions", "[diff]") {
  ForeignKey a;
  a.columns = {"user_id"};
  a.refTable = "users";
  a.refColumns = {"id"};
  ForeignKey b = a;
  b.name = "fk_x";
  b.onDelete = FkAction::NoAction;
  CHECK(matchesForeignKey(a, b));       // unnamed model FK: by definition
  CHECK_FALSE(matchesForeignKey(b, a)); // named model FK: needs the name
  b.onDelete = FkAction::Cascade;
  CHECK_FALSE(matchesForeignKey(a, b));
}
