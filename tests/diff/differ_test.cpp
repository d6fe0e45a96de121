#include "dialect/sqlite/sqlite.h"
#include "diff/differ.h"
#include "schema_builders.h"
#include <algorithm>
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
// What introspection reports for a schema created from these models: declared types filled in.
Schema asDatabase(Schema s) {
  for (auto &t : s.tables)
    for (auto &c : t.columns) {
      c.dbType = sqliteDialect().renderType(c);
      c.type = sqliteDialect().modelTypeOf(c);
    }
  return s;
}

std::vector<Change> diff(const Schema &want, const Schema &have) {
  return diffSchemas(want, have, sqliteDialect());
}

size_t count(const std::vector<Change> &cs, ChangeKind k) {
  return static_cast<size_t>(
      std::count_if(cs.begin(), cs.end(), [&](const Change &c) { return c.kind() == k; }));
}
const Change *find(const std::vector<Change> &cs, ChangeKind k) {
  for (const auto &c : cs)
    if (c.kind() == k) return &c;
  return nullptr;
}
} // namespace

TEST_CASE("diff: a database built from the models has no changes", "[diff]") {
  Schema s = shopSchema();
  CHECK(diff(s, asDatabase(s)).empty());
}

TEST_CASE("diff: a table the database lacks becomes CreateTable, an extra one a destructive DropTable",
          "[diff]") {
  Schema want = shopSchema();
  Schema have = asDatabase(shopSchema());
  have.tables.erase(have.tables.begin()); // order_items
  have.tables.push_back(table("legacy"));
  auto cs = diff(want, have);
  REQUIRE(cs.size() == 4);
  CHECK(count(cs, ChangeKind::CreateIndex) == 2); // a new table's indexes come as their own changes
  const Change *create = find(cs, ChangeKind::CreateTable);
  REQUIRE(create);
  CHECK(create->table() == "order_items");
  CHECK(create->as<step::CreateTable>().tableDef.foreignKeys.size() == 2);
  CHECK(create->as<step::CreateTable>().tableDef.indexes.empty());
  CHECK_FALSE(create->destructive);
  const Change *drop = find(cs, ChangeKind::DropTable);
  REQUIRE(drop);
  CHECK(drop->table() == "legacy");
  CHECK(drop->destructive);
}

TEST_CASE("diff: added, dropped and altered columns", "[diff]") {
  Schema want;
  want.tables.push_back(table("users", {str("email", 100), str("nick", 20), col("age", TypeKind::Integer)}));
  Schema have;
  have.tables.push_back(
      table("users", {str("email", 255), col("age", TypeKind::BigInteger), col("old", TypeKind::Text)}));
  have = asDatabase(have);
  auto cs = diff(want, have);
  CHECK(count(cs, ChangeKind::AddColumn) == 1);
  const Change *drop = find(cs, ChangeKind::DropColumn);
  REQUIRE(drop);
  CHECK(drop->as<step::DropColumn>().column.name == "old");
  CHECK(drop->destructive);
  REQUIRE(count(cs, ChangeKind::AlterColumn) == 2);
  for (const auto &c : cs) {
    if (c.kind() != ChangeKind::AlterColumn) continue;
    CHECK(c.as<step::AlterColumn>().typeChanged);
    CHECK_FALSE(c.as<step::AlterColumn>().nullabilityChanged);
    CHECK(c.destructive); // VARCHAR(255) -> VARCHAR(100), BIGINT -> INTEGER: both narrow
  }
}

TEST_CASE("diff: widening a type is not destructive, nullability and default changes are detected",
          "[diff]") {
  Schema want;
  Column note = str("note", 500, false);
  note.defaultValue = {ColumnDefault::Kind::String, "n/a"};
  want.tables.push_back(table("t", {note}));
  Schema have;
  have.tables.push_back(table("t", {str("note", 50)}));
  auto cs = diff(want, asDatabase(have));
  REQUIRE(cs.size() == 1);
  CHECK(cs[0].kind() == ChangeKind::AlterColumn);
  CHECK(cs[0].as<step::AlterColumn>().typeChanged);
  CHECK(cs[0].as<step::AlterColumn>().nullabilityChanged);
  CHECK(cs[0].as<step::AlterColumn>().defaultChanged);
  CHECK_FALSE(cs[0].destructive);
}

TEST_CASE("diff: unnamed model constraints match database ones by definition, whatever their names",
          "[diff]") {
  Schema want = shopSchema();
  Schema have = asDatabase(shopSchema());
  have.table("users")->uniques[0].name = "users_email_key";
  have.table("orders")->foreignKeys[0].name = "orders_user_id_fkey";
  CHECK(diff(want, have).empty());
}

TEST_CASE("diff: a named model constraint must carry its name in the database", "[diff]") {
  Schema want = shopSchema();
  want.table("users")->uniques[0].name = "uq_users_email";
  Schema have = asDatabase(shopSchema());
  auto cs = diff(want, have);
  REQUIRE(cs.size() == 2);
  const Change *drop = find(cs, ChangeKind::DropUnique);
  REQUIRE(drop);
  CHECK_FALSE(drop->destructive); // replaced on the same columns
  REQUIRE(find(cs, ChangeKind::AddUnique));
  CHECK(find(cs, ChangeKind::AddUnique)->as<step::AddUnique>().unique.name == "uq_users_email");
}

TEST_CASE("diff: a changed ON DELETE action replaces the foreign key", "[diff]") {
  Schema want = shopSchema();
  want.table("orders")->foreignKeys[0].onDelete = FkAction::Cascade;
  Schema have = asDatabase(shopSchema());
  have.table("orders")->foreignKeys[0].onDelete = FkAction::NoAction; // what SQLite reports
  auto cs = diff(want, have);
  REQUIRE(cs.size() == 2);
  CHECK(find(cs, ChangeKind::DropForeignKey));
  CHECK_FALSE(find(cs, ChangeKind::DropForeignKey)->destructive);
  REQUIRE(find(cs, ChangeKind::AddForeignKey));
  CHECK(find(cs, ChangeKind::AddForeignKey)->as<step::AddForeignKey>().fk.onDelete == FkAction::Cascade);
}

TEST_CASE("diff: NO ACTION reported by the database equals no action in the models", "[diff]") {
  Schema want = shopSchema();
  Schema have = asDatabase(shopSchema());
  for (auto &t : have.tables)
    for (auto &f : t.foreignKeys)
      f.onDelete = f.onUpdate = FkAction::NoAction;
  CHECK(diff(want, have).empty());
}

TEST_CASE("diff: an index redefined under the same name, a dropped index, a new index", "[diff]") {
  Schema want = shopSchema();
  want.table("orders")->indexes[0].unique = true;
  want.table("products")->indexes.push_back(index("ix_products_name", {"name"}));
  Schema have = asDatabase(shopSchema());
  have.table("users")->indexes.push_back(index("ix_users_full_name", {"full_name"}));
  auto cs = diff(want, have);
  CHECK(count(cs, ChangeKind::CreateIndex) == 2);
  REQUIRE(count(cs, ChangeKind::DropIndex) == 2);
  for (const auto &c : cs)
    if (c.kind() == ChangeKind::DropIndex)
      CHECK(c.destructive == (c.as<step::DropIndex>().index.name == "ix_users_full_name"));
}

TEST_CASE("diff: renamed_from renames tables and columns in place", "[diff]") {
  Schema have;
  Table customers = table("customers", {str("mail", 255)});
  have.tables.push_back(customers);
  Table orders = table("orders", {col("customer_id", TypeKind::Integer)});
  orders.foreignKeys.push_back(fk("customer_id", "customers"));
  have.tables.push_back(orders);
  have = asDatabase(have);

  Schema want;
  Table users = table("users", {str("email", 255)});
  users.renamedFrom = "customers";
  users.columns[1].renamedFrom = "mail";
  want.tables.push_back(users);
  Table wantOrders = table("orders", {col("customer_id", TypeKind::Integer)});
  wantOrders.foreignKeys.push_back(fk("customer_id", "users"));
  want.tables.push_back(wantOrders);

  auto cs = diff(want, have);
  REQUIRE(cs.size() == 2);
  CHECK(cs[0].kind() == ChangeKind::RenameTable);
  CHECK(cs[0].as<step::RenameTable>().oldName == "customers");
  CHECK(cs[0].table() == "users");
  CHECK(cs[1].kind() == ChangeKind::RenameColumn);
  CHECK(cs[1].as<step::RenameColumn>().oldColumn.name == "mail");
  CHECK(cs[1].as<step::RenameColumn>().column.name == "email");
}

TEST_CASE("diff: without renamed_from a rename is a drop and an add", "[diff]") {
  Schema have;
  have.tables.push_back(table("t", {str("mail", 255)}));
  Schema want;
  want.tables.push_back(table("t", {str("email", 255)}));
  auto cs = diff(want, asDatabase(have));
  CHECK(count(cs, ChangeKind::AddColumn) == 1);
  CHECK(count(cs, ChangeKind::DropColumn) == 1);
}

TEST_CASE("diff: a changed primary key is dropped and added", "[diff]") {
  Schema want;
  Table t = table("t", {col("k", TypeKind::Integer, false)});
  t.primaryKey = {"id", "k"};
  want.tables.push_back(t);
  Schema have;
  have.tables.push_back(table("t", {col("k", TypeKind::Integer, false)}));
  auto cs = diff(want, asDatabase(have));
  CHECK(count(cs, ChangeKind::DropPrimaryKey) == 1);
  REQUIRE(find(cs, ChangeKind::AddPrimaryKey));
  CHECK(find(cs, ChangeKind::AddPrimaryKey)->as<step::AddPrimaryKey>().primaryKey ==
        std::vector<std::string>{"id", "k"});
}
