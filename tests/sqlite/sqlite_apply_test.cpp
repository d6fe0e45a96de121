#include "../diff/schema_builders.h"
#include "core/error.h"
#include "dialect/sqlite/sqlite.h"
#include "plan/plan_format.h"
#include "sqlite_db.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

TEST_CASE("sqlite: applying the models to an empty file leaves nothing to plan", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("shop.db"));
  Plan first = applySchema(*db, shopSchema());
  CHECK(first.changes.size() == 8);
  Plan again = planAgainst(*db, shopSchema());
  INFO(planToSql(again));
  CHECK_FALSE(again.drift());
  Schema live = db->introspect();
  CHECK(live.table("orders")->foreignKeys.size() == 1);
  CHECK(live.table("users")->uniques.size() == 1);
  CHECK(live.table("order_items")->indexes.size() == 2);
}

TEST_CASE("sqlite: an FK cycle and a self-reference are created and plan to nothing", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("cycle.db"));
  Schema s;
  Table a = table("a", {col("b_id", TypeKind::Integer), col("parent_id", TypeKind::Integer)});
  a.foreignKeys.push_back(fk("b_id", "b"));
  a.foreignKeys.push_back(fk("parent_id", "a", FkAction::SetNull));
  Table b = table("b", {col("a_id", TypeKind::Integer)});
  b.foreignKeys.push_back(fk("a_id", "a", FkAction::Cascade));
  s.tables = {a, b};
  applySchema(*db, s);
  CHECK_FALSE(planAgainst(*db, s).drift());
  CHECK(db->introspect().table("a")->foreignKeys.size() == 2);
}

TEST_CASE("sqlite: rebuilding a parent keeps rows and rowids and never fires ON DELETE CASCADE", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("shop.db"));
  Schema s = shopSchema();
  s.table("orders")->foreignKeys[0].onDelete = FkAction::Cascade;
  applySchema(*db, s);
  db->execute("PRAGMA foreign_keys = ON");
  db->execute("INSERT INTO users (id, email) VALUES (1, 'a@x'), (5, 'b@x'), (9, NULL);"
              "INSERT INTO orders (user_id, status) VALUES (1, 'new'), (5, 'paid'), (5, 'sent');"
              "CREATE TABLE audit_log (msg TEXT);"
              "CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit_log VALUES "
              "(NEW.email); END;");

  // email becomes NOT NULL with a default and a named unique: only a rebuild can do that.
  Schema next = s;
  Table &users = *next.table("users");
  users.column("email")->nullable = false;
  users.column("email")->defaultValue = {ColumnDefault::Kind::String, "none"};
  users.uniques[0].name = "uq_users_email";
  db->execute("UPDATE users SET email = 'c@x' WHERE id = 9");
  Schema nextWithAudit = next;
  Table audit;
  audit.name = "audit_log";
  Column msg = col("msg", TypeKind::Text);
  audit.columns.push_back(msg);
  nextWithAudit.tables.push_back(audit);
  Plan p = applySchema(*db, nextWithAudit);
  CHECK(planToSql(p).find("_tether_new_users") != std::string::npos);

  CHECK(scalar(*db, "SELECT count(*) FROM orders") == "3");
  CHECK(scalar(*db, "SELECT group_concat(id) FROM (SELECT id FROM users ORDER BY id)") == "1,5,9");
  CHECK(scalar(*db, "PRAGMA foreign_keys") == "1"); // restored
  CHECK_FALSE(planAgainst(*db, nextWithAudit).drift());
  CHECK(db->introspect().table("users")->uniques[0].name == "uq_users_email");
  // The trigger went with the old table and came back with the new one.
  db->execute("INSERT INTO users (email) VALUES ('d@x')");
  CHECK(scalar(*db, "SELECT count(*) FROM audit_log WHERE msg = 'd@x'") == "1");
}

TEST_CASE("sqlite: a rebuild keeps the rowids of a table without an integer key", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("r.db"));
  db->execute(
      "CREATE TABLE notes (code VARCHAR(10) NOT NULL, body TEXT, PRIMARY KEY (code));"
      "INSERT INTO notes VALUES ('a', 'x'), ('b', 'y'), ('c', 'z'); DELETE FROM notes WHERE code = 'b';");
  Schema want;
  Table notes;
  notes.name = "notes";
  notes.columns = {str("code", 10, false), col("body", TypeKind::Text, false)};
  notes.primaryKey = {"code"};
  want.tables.push_back(notes);
  std::string before = scalar(*db, "SELECT group_concat(rowid || code) FROM notes");
  applySchema(*db, want);
  CHECK(scalar(*db, "SELECT group_concat(rowid || code) FROM notes") == before);
  CHECK(before == "1a,3c");
  CHECK(scalar(*db, "SELECT \"notnull\" FROM pragma_table_info('notes') WHERE name = 'body'") == "1");
}

TEST_CASE("sqlite: a failing apply changes nothing and names the statement", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("f.db"));
  applySchema(*db, shopSchema());
  db->execute("INSERT INTO users (id, email, full_name) VALUES (1, 'a@x', NULL)");
  Schema before = db->introspect();
  Schema next = shopSchema();
  next.table("users")->column("full_name")->nullable = false;            // the NULL row makes the copy fail
  next.table("products")->columns.push_back(col("sku", TypeKind::Text)); // would succeed on its own
  Plan p = planAgainst(*db, next);
  try {
    db->apply(p.steps);
    FAIL("apply should have failed");
  } catch (const Error &e) {
    std::string msg = e.what();
    CHECK(msg.find("NOT NULL constraint failed") != std::string::npos);
    CHECK(msg.find("INSERT INTO \"_tether_new_users\"") != std::string::npos);
    CHECK(msg.find("nothing changed") != std::string::npos);
  }
  Schema after = db->introspect();
  CHECK_FALSE(after.table("products")->column("sku"));
  CHECK_FALSE(after.table("_tether_new_users"));
  CHECK(scalar(*db, "SELECT count(*) FROM users") == "1");
  CHECK(makePlan(shopSchema(), after, db->dialect()).changes.empty());
}

TEST_CASE("sqlite: destructive changes wait for --allow-destructive", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("d.db"));
  Schema s = shopSchema();
  s.table("users")->columns.push_back(col("legacy", TypeKind::Text));
  applySchema(*db, s);
  db->execute("INSERT INTO users (id, email, legacy) VALUES (1, 'a@x', 'old')");
  Plan held = applySchema(*db, shopSchema());
  CHECK(held.empty());
  REQUIRE(held.skipped.size() == 1);
  CHECK(scalar(*db, "SELECT legacy FROM users") == "old");
  Plan done = applySchema(*db, shopSchema(), true);
  CHECK(done.changes.size() == 1);
  CHECK(scalar(*db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'legacy'") == "0");
  CHECK(scalar(*db, "SELECT email FROM users WHERE id = 1") == "a@x");
}

TEST_CASE("sqlite: renamed_from keeps the data of renamed tables and columns", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("r.db"));
  db->execute("CREATE TABLE customers (id INTEGER NOT NULL, mail VARCHAR(255), PRIMARY KEY (id));"
              "CREATE TABLE orders (id INTEGER NOT NULL, customer_id INTEGER, PRIMARY KEY (id),"
              " FOREIGN KEY (customer_id) REFERENCES customers (id));"
              "INSERT INTO customers VALUES (7, 'a@x'); INSERT INTO orders VALUES (1, 7);");
  Schema want;
  Table users = table("users", {str("email", 255)});
  users.renamedFrom = "customers";
  users.columns[1].renamedFrom = "mail";
  Table orders = table("orders", {col("customer_id", TypeKind::Integer)});
  orders.foreignKeys.push_back(fk("customer_id", "users"));
  want.tables = {users, orders};
  Plan p = applySchema(*db, want);
  CHECK(p.changes.size() == 2);
  CHECK(scalar(*db, "SELECT email FROM users WHERE id = 7") == "a@x");
  CHECK_FALSE(planAgainst(*db, want).drift());
}

TEST_CASE("sqlite: hostile identifiers are quoted everywhere", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("h.db"));
  Schema s = shopSchema();
  const std::string weird = "weird \"table\"; DROP TABLE users; --";
  Table t = table(weird, {col("select", TypeKind::Text), col("user_id", TypeKind::Integer)});
  t.foreignKeys.push_back(fk("user_id", "users"));
  t.indexes.push_back(index("ix_" + weird + "_select", {"select"}));
  s.tables.push_back(t);
  applySchema(*db, s);
  CHECK(db->introspect().table("users"));
  CHECK(db->introspect().table(weird));
  CHECK_FALSE(planAgainst(*db, s).drift());
  // A rebuild of the hostile table (a unique needs one) works too.
  s.table(weird)->uniques.push_back(unique({"select"}, "uq \"select\""));
  db->execute("INSERT INTO \"" + std::string("weird \"\"table\"\"; DROP TABLE users; --") +
              "\" (\"select\") VALUES ('x')");
  applySchema(*db, s);
  CHECK_FALSE(planAgainst(*db, s).drift());
  CHECK(scalar(*db, "SELECT \"select\" FROM \"weird \"\"table\"\"; DROP TABLE users; --\"") == "x");
}

TEST_CASE("sqlite: adding a column a plain ALTER can add, and one that needs a rebuild", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("c.db"));
  applySchema(*db, shopSchema());
  db->execute("INSERT INTO products (id, name) VALUES (1, 'p')");
  Schema next = shopSchema();
  Column stock = col("stock", TypeKind::Integer, false);
  stock.defaultValue = {ColumnDefault::Kind::Number, "0"};
  Column added = col("added", TypeKind::DateTime);
  added.defaultValue = {ColumnDefault::Kind::Sql, "CURRENT_TIMESTAMP"};
  next.table("products")->columns.push_back(stock);
  next.table("products")->columns.push_back(added);
  Plan p = applySchema(*db, next);
  std::string sql = planToSql(p);
  CHECK(sql.find("_tether_new_products") != std::string::npos); // CURRENT_TIMESTAMP needs the rebuild
  CHECK(scalar(*db, "SELECT stock FROM products") == "0");
  CHECK(scalar(*db, "SELECT added IS NOT NULL FROM products") == "1");
  CHECK_FALSE(planAgainst(*db, next).drift());
}

TEST_CASE("sqlite: views and other tables' triggers that name a rebuilt table keep working", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("v.db"));
  applySchema(*db, shopSchema());
  db->execute(
      "INSERT INTO users (id, email) VALUES (1, 'a@x'); INSERT INTO orders (user_id) VALUES (1);"
      "CREATE VIEW order_emails AS SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id;"
      "CREATE TABLE seen (n INTEGER);"
      "CREATE TRIGGER products_seen AFTER INSERT ON products BEGIN "
      "INSERT INTO seen SELECT count(*) FROM users; END;");
  Schema next = shopSchema();
  next.table("users")->column("email")->nullable = false;
  Table seen;
  seen.name = "seen";
  seen.columns.push_back(col("n", TypeKind::Integer));
  next.tables.push_back(seen);
  Plan p = applySchema(*db, next);
  REQUIRE(p.changes.size() == 1);
  CHECK(scalar(*db, "SELECT email FROM order_emails") == "a@x");
  db->execute("INSERT INTO products (name) VALUES ('p')");
  CHECK(scalar(*db, "SELECT n FROM seen") == "1");
}
