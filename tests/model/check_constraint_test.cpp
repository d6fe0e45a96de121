// CHECK constraints and named primary keys in the model format: what the loader reads and where it
// points when they are wrong.
#include "model_test_util.h"
#include "support.h"

using namespace tether;
using namespace tether::test;

TEST_CASE("checks: column check, named column check and table checks load", "[model][checks]") {
  auto r = load("models:\n"
                "  Item:\n"
                "    table: items\n"
                "    columns:\n"
                "      id: {type: Integer, primary_key: true}\n"
                "      price: {type: Numeric(10, 2), check: \"price > 0\"}\n"
                "      qty: {type: Integer, check: {sql: qty >= 0, name: ck_qty}}\n"
                "      starts: {type: Date}\n"
                "      ends: {type: Date}\n"
                "    checks:\n"
                "      - {name: ck_dates, sql: \"starts < ends\"}\n"
                "      - \"qty < 1000\"\n");
  INFO(dump(r));
  REQUIRE(r.ok());
  const Table *t = r.model.schema.table("items");
  REQUIRE(t->checks.size() == 4);
  CHECK(t->checks[0].sql == "price > 0");
  CHECK(t->checks[0].name.empty());
  CHECK(t->checks[0].column == "price");
  CHECK(t->checks[0].loc.line == 6);
  CHECK(t->checks[1].name == "ck_qty");
  CHECK(t->checks[1].sql == "qty >= 0");
  CHECK(t->checks[1].column == "qty");
  CHECK(t->checks[2].name == "ck_dates");
  CHECK(t->checks[2].column.empty());
  CHECK(t->checks[2].loc.line == 11);
  CHECK(t->checks[3].sql == "qty < 1000");
}

TEST_CASE("checks: a wrong check is an error at its position", "[model][checks]") {
  const std::string head = "tables:\n  t:\n    columns:\n      id: {type: Integer, primary_key: true}\n";
  REQUIRE_DIAG(load(head + "      a: {type: Integer, check: \"  \"}\n"), "empty-check", 5, 33);
  REQUIRE_DIAG(load(head + "      a: {type: Integer, check: {name: ck_a}}\n"), "missing-check-sql", 5, 33);
  REQUIRE_DIAG(load(head + "      a: {type: Integer, check: [a > 0]}\n"), "bad-value", 5, 33);
  REQUIRE_DIAG(load(head + "      a: {type: Integer, check: {sql: a > 0, nme: x}}\n"), "unknown-key", 5, 46);
  REQUIRE_DIAG(load(head + "    checks: {sql: id > 0}\n"), "bad-value", 5, 13);
  REQUIRE_DIAG(load(head + "    checks:\n      - {name: ck, sql: id > 0}\n      - {name: ck, sql: id < 9}\n"),
               "duplicate-check", 7, 9);
}

TEST_CASE("checks: a named primary key loads, and its columns must exist", "[model][checks]") {
  auto r =
      load("models:\n  User:\n    table: users\n    columns:\n      id: Integer\n      email: String(80)\n"
           "    primary_key: {name: pk_users, columns: [id]}\n");
  INFO(dump(r));
  REQUIRE(r.ok());
  const Table *t = r.model.schema.table("users");
  CHECK(t->primaryKeyName == "pk_users");
  CHECK(t->primaryKey == std::vector<std::string>{"id"});
  CHECK(t->column("id")->autoincrement);
  CHECK_FALSE(t->column("id")->nullable);

  REQUIRE_DIAG(
      load("tables:\n  t:\n    columns:\n      id: Integer\n    primary_key: {name: pk_t, columns: [idd]}\n"),
      "unknown-column", 5, 18);
  REQUIRE_DIAG(load("tables:\n  t:\n    columns:\n      id: Integer\n    primary_key: {name: pk_t}\n"),
               "missing-columns", 5, 18);
}

TEST_CASE("checks: the mapping form may name the key the column flags declare, not another one",
          "[model][checks]") {
  auto r =
      load("tables:\n  t:\n    columns:\n      id: {type: Integer, primary_key: true}\n      b: Integer\n"
           "    primary_key: {columns: [id], name: pk_t}\n");
  INFO(dump(r));
  REQUIRE(r.ok());
  CHECK(r.model.schema.table("t")->primaryKeyName == "pk_t");
  REQUIRE_DIAG(
      load("tables:\n  t:\n    columns:\n      id: {type: Integer, primary_key: true}\n      b: Integer\n"
           "    primary_key: {columns: [b], name: pk_t}\n"),
      "double-primary-key", 6, 18);
}
