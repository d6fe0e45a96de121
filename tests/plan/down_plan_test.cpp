#include "../diff/schema_builders.h"
#include "dialect/postgres/postgres.h"
#include "dialect/sqlite/sqlite.h"
#include "diff/change_reverse.h"
#include "diff/differ.h"
#include "diff/simulate.h"
#include "migrate/snapshot.h"
#include "plan/down_plan.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
Schema applied(Schema s, const std::vector<Change> &changes) {
  for (const Change &c : changes)
    applyChange(s, c);
  return s;
}

// Plans up from `before` to `models`, then down from the models: the down must be made of
// the up steps' own reverses alone (nothing planned from a second diff) and arrive at `before`.
void checkRoundTrip(const Schema &before, const Schema &models, const Dialect &d) {
  PlanOptions all;
  all.allowDestructive = true;
  // Both ends as `migrate new` holds them: shaped like the database reads them.
  const Schema from = asIntrospected(before, d), after = asIntrospected(models, d);
  const Plan up = makePlan(models, from, d, all);
  REQUIRE_FALSE(up.empty());
  INFO(d.name());
  const Plan down = downPlan(up, from, after, d, all);
  CHECK(down.changes.size() == reverseChanges(up.changes).size());
  CHECK(diffSchemas(before, applied(after, down.changes), d).empty());
}

Schema renamedShop() {
  Schema s = shopSchema();
  Table &orders = *s.table("orders");
  orders.name = "purchases";
  orders.renamedFrom = "orders";
  Column &status = *orders.column("status");
  status.name = "state";
  status.renamedFrom = "status";
  orders.indexes.push_back(index("ix_purchases_state", {"state"}));
  for (Table &t : s.tables)
    for (ForeignKey &k : t.foreignKeys)
      if (k.refTable == "orders") k.refTable = "purchases";
  return s;
}

Schema reshapedShop() {
  Schema s = shopSchema();
  Table &users = *s.table("users");
  users.column("full_name")->type.length = 300;
  users.column("email")->nullable = false;
  users.uniques.clear();
  users.indexes.push_back(index("ix_users_email", {"email"}, true));
  // A new table in a cycle with an existing one, and an existing table gone.
  Table teams = table("teams", {col("owner_id", TypeKind::Integer)});
  teams.foreignKeys.push_back(fk("owner_id", "users"));
  teams.indexes.push_back(index("ix_teams_owner_id", {"owner_id"}));
  users.columns.push_back(col("team_id", TypeKind::Integer));
  users.foreignKeys.push_back(fk("team_id", "teams"));
  s.tables.push_back(teams);
  s.tables.erase(std::find_if(s.tables.begin(), s.tables.end(),
                              [](const Table &t) { return t.name == "user_profiles"; }));
  return s;
}
} // namespace

TEST_CASE("down plan: renames go back and later steps name what the renames restore", "[plan][down]") {
  checkRoundTrip(shopSchema(), renamedShop(), sqliteDialect());
  checkRoundTrip(shopSchema(), renamedShop(), postgresDialect());
}

TEST_CASE("down plan: created tables are dropped, dropped ones come back with their indexes",
          "[plan][down]") {
  checkRoundTrip(shopSchema(), reshapedShop(), sqliteDialect());
  checkRoundTrip(shopSchema(), reshapedShop(), postgresDialect());
  // And the other way round: what up dropped, down creates.
  checkRoundTrip(reshapedShop(), shopSchema(), postgresDialect());
}

TEST_CASE("down plan: a dropped table's reverse makes its indexes as separate steps", "[plan][down]") {
  auto back = reverseOf(Change{step::DropTable{"orders", *shopSchema().table("orders")}});
  REQUIRE(back.size() == 2);
  CHECK(back[0].as<step::CreateTable>().tableDef.indexes.empty());
  CHECK(back[1].as<step::CreateIndex>().index.name == "ix_orders_user_id");
}

TEST_CASE("down plan: each step's reverse undoes it, what cannot be undone says so by none", "[plan][down]") {
  step::AlterColumn alter{"users", str("email", 100, false), str("email", 255)};
  alter.typeChanged = alter.nullabilityChanged = true;
  auto back = reverseOf(Change{alter, {}, true});
  REQUIRE(back.size() == 1);
  CHECK(back[0].describe() == "alter column users.email: type String(100) -> String(255) drop not null");
  CHECK_FALSE(back[0].destructive); // widening back loses nothing
  CHECK(reverseOf(back[0])[0].destructive);

  step::AlterForeignKey deferral{"orders", fk("user_id", "users"), {}};
  deferral.fk.name = "orders_user_id_fkey";
  deferral.fk.deferral.deferrable = true;
  back = reverseOf(Change{deferral});
  REQUIRE(back.size() == 1);
  CHECK_FALSE(back[0].as<step::AlterForeignKey>().fk.deferral.present());
  CHECK(reverseOf(back[0])[0].as<step::AlterForeignKey>().fk.deferral.present());

  CHECK(reverseOf(Change{step::AddEnumValue{{"status", {}, {}}, "archived"}}).empty()); // PostgreSQL cannot
  CHECK(reverseOf(Change{step::CreateUnmanaged{}}).empty()); // unmanaged objects are never dropped
  CHECK(reverseOf(Change{step::RenamePrimaryKey{"users", {"id"}, "", "users_pk"}})
            .empty()); // no name to go back to

  Sequence from, to;
  from.name = to.name = "order_no";
  to.start = 1000;
  back = reverseOf(Change{step::AlterSequence{to, from}});
  REQUIRE(back.size() == 1);
  CHECK_FALSE(back[0].as<step::AlterSequence>().sequence.start.has_value());
  CHECK(back[0].as<step::AlterSequence>().oldSequence.start == 1000);
}

TEST_CASE("changes: one step kind per ChangeKind, named and described", "[plan][down]") {
  Change add{step::AddColumn{"users", str("nick", 20)}};
  CHECK(add.kind() == ChangeKind::AddColumn);
  CHECK(std::string(changeKindName(add.kind())) == "add_column");
  CHECK(add.table() == "users");
  CHECK(add.describe() == "add column users.nick");
  Change seq{step::CreateSequence{}};
  CHECK(seq.table().empty()); // a sequence belongs to no one table
}
