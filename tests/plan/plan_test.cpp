#include "../diff/schema_builders.h"
#include "dialect/sqlite/sqlite.h"
#include "plan/order.h"
#include "plan/plan.h"
#include "plan/plan_format.h"
#include "json/plan_json.h"
#include <algorithm>
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
long position(const std::vector<Change> &cs, ChangeKind k, const std::string &table) {
  for (size_t i = 0; i < cs.size(); ++i)
    if (cs[i].kind() == k && cs[i].table() == table) return static_cast<long>(i);
  return -1;
}

// A dialect with native enums, to see where the planner puts enum changes.
class EnumDialect : public Dialect {
public:
  std::string name() const override { return "test"; }
  std::string quoteIdent(const std::string &s) const override { return sqliteDialect().quoteIdent(s); }
  std::string quoteLiteral(const std::string &s) const override { return sqliteDialect().quoteLiteral(s); }
  std::string renderType(const Column &c) const override { return sqliteDialect().renderType(c); }
  bool sameType(const Column &a, const Column &b) const override { return sqliteDialect().sameType(a, b); }
  bool sameDefault(const Column &a, const Column &b) const override {
    return sqliteDialect().sameDefault(a, b);
  }
  bool supportsNativeEnums() const override { return true; }
  bool supportsNativeBooleans() const override { return true; }
  bool sameComputed(const Column &a, const Column &b) const override {
    return sqliteDialect().sameComputed(a, b);
  }
  bool supportsIdentity() const override { return false; }
  std::vector<SqlStep> render(const std::vector<Change> &cs, const Schema &, const Schema &,
                              const RenderOptions &) const override {
    std::vector<SqlStep> out;
    for (size_t i = 0; i < cs.size(); ++i)
      out.push_back({cs[i].describe(), cs[i].describe(), static_cast<int>(i), true});
    return out;
  }
  ColumnType modelTypeOf(const Column &c) const override { return sqliteDialect().modelTypeOf(c); }
  std::vector<ScriptStatement> splitStatements(std::string_view s) const override {
    return sqliteDialect().splitStatements(s);
  }
  std::string parameter(int n) const override { return sqliteDialect().parameter(n); }
  const RevisionTableSql &revisionTable() const override { return sqliteDialect().revisionTable(); }
  const CatalogQueries &catalog() const override { return sqliteDialect().catalog(); }
};
} // namespace

TEST_CASE("plan: new tables are created parents before children", "[plan]") {
  Plan p = makePlan(shopSchema(), Schema{}, sqliteDialect());
  REQUIRE(p.changes.size() == 5 + 3); // five tables, three indexes
  CHECK(position(p.changes, ChangeKind::CreateTable, "users") <
        position(p.changes, ChangeKind::CreateTable, "orders"));
  CHECK(position(p.changes, ChangeKind::CreateTable, "users") <
        position(p.changes, ChangeKind::CreateTable, "user_profiles"));
  CHECK(position(p.changes, ChangeKind::CreateTable, "orders") <
        position(p.changes, ChangeKind::CreateTable, "order_items"));
  CHECK(position(p.changes, ChangeKind::CreateTable, "products") <
        position(p.changes, ChangeKind::CreateTable, "order_items"));
  CHECK(position(p.changes, ChangeKind::CreateIndex, "order_items") >
        position(p.changes, ChangeKind::CreateTable, "order_items"));
  CHECK(p.skipped.empty());
  CHECK_FALSE(p.steps.empty());
}

TEST_CASE("plan: an FK cycle is split out of CREATE TABLE, a self-reference stays inline", "[plan]") {
  Schema s;
  Table a = table("a", {col("b_id", TypeKind::Integer)});
  a.foreignKeys.push_back(fk("b_id", "b"));
  Table b = table("b", {col("a_id", TypeKind::Integer), col("parent_id", TypeKind::Integer)});
  b.foreignKeys.push_back(fk("a_id", "a"));
  b.foreignKeys.push_back(fk("parent_id", "b"));
  s.tables = {a, b};
  std::vector<Change> creates;
  for (const auto &t : s.tables) {
    creates.push_back(Change{step::CreateTable{t.name, t}});
  }
  auto ordered = orderChanges(creates);
  REQUIRE(ordered.size() == 3);
  CHECK(ordered[0].kind() == ChangeKind::CreateTable);
  CHECK(ordered[1].kind() == ChangeKind::CreateTable);
  CHECK(ordered[2].kind() == ChangeKind::AddForeignKey);
  const auto &first = ordered[0].as<step::CreateTable>();
  const auto &add = ordered[2].as<step::AddForeignKey>();
  CHECK(add.table == first.table);
  const auto &second = ordered[1].as<step::CreateTable>();
  CHECK(add.fk.refTable == second.table);
  for (const auto &f : first.tableDef.foreignKeys)
    CHECK(f.refTable != second.table);
  // The second table keeps all its FKs, including the self-reference.
  CHECK(second.tableDef.foreignKeys.size() == (second.table == "b" ? 2u : 1u));
}

TEST_CASE("plan: dropped tables go children first, after everything else", "[plan]") {
  Schema have = shopSchema();
  PlanOptions opts;
  opts.allowDestructive = true;
  Plan p = makePlan(Schema{}, have, sqliteDialect(), opts);
  CHECK(position(p.changes, ChangeKind::DropTable, "order_items") <
        position(p.changes, ChangeKind::DropTable, "orders"));
  CHECK(position(p.changes, ChangeKind::DropTable, "orders") <
        position(p.changes, ChangeKind::DropTable, "users"));
  CHECK(position(p.changes, ChangeKind::DropTable, "user_profiles") <
        position(p.changes, ChangeKind::DropTable, "users"));
}

TEST_CASE("plan: destructive changes are skipped unless allowed", "[plan]") {
  Schema want;
  want.tables.push_back(table("t"));
  Schema have;
  have.tables.push_back(table("t", {col("old", TypeKind::Text)}));
  have.tables[0].columns[1].dbType = "TEXT";
  have.tables[0].columns[0].dbType = "INTEGER";
  have.tables.push_back(table("gone"));
  Plan held = makePlan(want, have, sqliteDialect());
  CHECK(held.empty());
  CHECK(held.drift());
  CHECK(held.skipped.size() == 2);
  std::string sql = planToSql(held);
  CHECK(sql.find("-- skipped: drop column t.old") != std::string::npos);
  CHECK(sql.find("-- skipped: drop table gone") != std::string::npos);
  CHECK(sql.find("DROP") == std::string::npos);

  PlanOptions opts;
  opts.allowDestructive = true;
  Plan allowed = makePlan(want, have, sqliteDialect(), opts);
  CHECK(allowed.skipped.empty());
  CHECK(allowed.changes.size() == 2);
  CHECK(planToSql(allowed).find("DROP TABLE \"gone\";") != std::string::npos);
}

TEST_CASE("plan: enum types are created and extended before the tables that use them", "[plan]") {
  Schema want;
  EnumTypeDef e{"status", {"new", "paid"}, {}};
  want.enums.push_back(e);
  Column st = col("status", TypeKind::Enum);
  st.type.enumValues = e.values;
  st.type.enumName = "status";
  want.tables.push_back(table("orders", {st}));
  EnumTypeDef mood{"mood", {"sad", "happy"}, {}};
  want.enums.push_back(mood);
  Schema have;
  have.enums.push_back({"mood", {"sad"}, {}});
  EnumDialect d;
  Plan p = makePlan(want, have, d);
  REQUIRE(p.changes.size() == 3);
  CHECK(p.changes[0].kind() == ChangeKind::CreateEnum);
  CHECK(p.changes[1].kind() == ChangeKind::AddEnumValue);
  CHECK(p.changes[1].as<step::AddEnumValue>().enumValue == "happy");
  CHECK(p.changes[2].kind() == ChangeKind::CreateTable);
}

TEST_CASE("plan: JSON lists each change with its SQL", "[plan]") {
  Schema want;
  want.tables.push_back(table("users", {str("email", 255)}));
  Plan p = makePlan(want, Schema{}, sqliteDialect());
  std::string json = planToJson(p);
  CHECK(json.find("\"dialect\": \"sqlite\"") != std::string::npos);
  CHECK(json.find("\"kind\": \"create_table\"") != std::string::npos);
  CHECK(json.find("CREATE TABLE \\\"users\\\"") != std::string::npos);
  CHECK(json.find("\"skipped\": []") != std::string::npos);
}

TEST_CASE("plan: an empty plan renders as empty text", "[plan]") {
  Plan p = makePlan(Schema{}, Schema{}, sqliteDialect());
  CHECK(p.empty());
  CHECK_FALSE(p.drift());
  CHECK(planToSql(p).empty());
}
