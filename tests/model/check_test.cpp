// One broken model per check of `tether check`, each asserting the code and the position.
#include "model_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
const char *kUsersOrders = R"YAML(models:
  User:
    table: users
    columns:
      id: {type: Integer, primary_key: true}
      email: String(100)
    relationships:
      orders: {model: Order, back_populates: user}
  Order:
    table: orders
    columns:
      id: {type: Integer, primary_key: true}
      user_id: {type: Integer, foreign_key: users.id, nullable: false}
    relationships:
      user: {model: User, back_populates: orders}
)YAML";

std::string replace(std::string s, const std::string &from, const std::string &to) {
  auto p = s.find(from);
  REQUIRE(p != std::string::npos);
  return s.replace(p, from.size(), to);
}
} // namespace

TEST_CASE("check: the base fixture is valid", "[model][check]") {
  auto r = load(kUsersOrders);
  INFO(dump(r));
  CHECK(r.diags.all().empty());
}

TEST_CASE("check: YAML syntax errors are fatal (exit 2) with a position", "[model][check]") {
  auto r = load("models:\n  User: {table: users\n    columns: [\n");
  CHECK(r.diags.unreadable());
  REQUIRE(find(r, "yaml-syntax"));
  CHECK(find(r, "yaml-syntax")->where.line >= 1);
}

TEST_CASE("check: unknown keys get a did-you-mean", "[model][check]") {
  auto r = load(replace(kUsersOrders, "    relationships:\n      orders", "    relationship:\n      orders"));
  REQUIRE_DIAG(r, "unknown-key", 7, 5);
  CHECK(find(r, "unknown-key")->hint == "did you mean 'relationships'?");
  auto r2 = load(replace(kUsersOrders, "nullable: false}", "nulable: false}"));
  REQUIRE_DIAG(r2, "unknown-key", 13, 55);
  CHECK(find(r2, "unknown-key")->hint == "did you mean 'nullable'?");
}

TEST_CASE("check: unknown types and bad type arguments", "[model][check]") {
  REQUIRE_DIAG(load(replace(kUsersOrders, "String(100)", "Strang(100)")), "unknown-type", 6, 14);
  auto r = load(replace(kUsersOrders, "String(100)", "String(abc)"));
  REQUIRE_DIAG(r, "bad-type-args", 6, 14);
  REQUIRE_DIAG(load(replace(kUsersOrders, "String(100)", "Numeric(2, 5)")), "bad-type-args", 6, 14);
  REQUIRE_DIAG(load(replace(kUsersOrders, "String(100)", "Boolean(3)")), "bad-type-args", 6, 14);
}

TEST_CASE("check: a model or table defined twice names both places", "[model][check]") {
  std::string twice = std::string(kUsersOrders) + "tables:\n  orders:\n    columns:\n      id: Integer\n";
  auto r = load(twice);
  REQUIRE_DIAG(r, "duplicate-table", 17, 3);
  CHECK(find(r, "duplicate-table")->hint == "the other definition is at m.yaml:9:3");
  auto r2 = load(std::string(kUsersOrders) +
                 "  User:\n    table: users2\n    columns:\n      id: {type: Integer, primary_key: true}\n");
  REQUIRE_DIAG(r2, "duplicate-key", 16, 3);
}

TEST_CASE("check: foreign keys to unknown tables or columns", "[model][check]") {
  auto r = load(replace(kUsersOrders, "foreign_key: users.id", "foreign_key: user.id"));
  REQUIRE_DIAG(r, "unknown-table", 13, 45);
  CHECK(find(r, "unknown-table")->hint == "did you mean 'users'?");
  auto r2 = load(replace(kUsersOrders, "foreign_key: users.id", "foreign_key: users.ident"));
  REQUIRE_DIAG(r2, "unknown-column", 13, 45);
  REQUIRE_DIAG(load(replace(kUsersOrders, "foreign_key: users.id", "foreign_key: usersid")),
               "bad-foreign-key", 13, 45);
}

TEST_CASE("check: FK column type unlike the referenced column", "[model][check]") {
  auto r = load(replace(kUsersOrders, "user_id: {type: Integer", "user_id: {type: String(10)"));
  REQUIRE_DIAG(r, "fk-type-mismatch", 13, 7);
  auto w = load(replace(kUsersOrders, "user_id: {type: Integer", "user_id: {type: BigInteger"));
  REQUIRE_DIAG(w, "fk-type-width", 13, 7);
  CHECK(w.ok()); // a width difference is a warning
}

TEST_CASE("check: composite FK arity mismatch and non-unique referenced columns", "[model][check]") {
  std::string base = std::string(kUsersOrders) +
                     "  Line:\n    table: lines\n    columns:\n      id: {type: Integer, primary_key: true}\n"
                     "      a: Integer\n      b: Integer\n    foreign_keys:\n"
                     "      - {columns: [a, b], references: {table: users, columns: [id]}}\n";
  REQUIRE_DIAG(load(base), "fk-arity", 23, 9);
  std::string nonUnique = replace(base, "columns: [a, b], references: {table: users, columns: [id]}",
                                  "columns: [a], references: {table: users, columns: [email]}");
  REQUIRE_DIAG(load(nonUnique), "fk-not-unique", 23, 9);
}

TEST_CASE("check: relationship target unknown", "[model][check]") {
  auto r = load(replace(kUsersOrders, "orders: {model: Order,", "orders: {model: Ordr,"));
  REQUIRE_DIAG(r, "unknown-model", 8, 7);
  CHECK(find(r, "unknown-model")->hint == "did you mean 'Order'?");
}

TEST_CASE("check: back_populates missing on the target or not pointing back", "[model][check]") {
  REQUIRE_DIAG(load(replace(kUsersOrders, "back_populates: user}", "back_populates: owner}")),
               "back-populates-missing", 8, 7);
  std::string wrong = replace(
      kUsersOrders, "user: {model: User, back_populates: orders}",
      "user: {model: User, back_populates: orders}\n      buyer: {model: User, back_populates: orders}");
  REQUIRE_DIAG(load(wrong), "back-populates-mismatch", 16, 7);
}

TEST_CASE("check: no FK path, or two paths without foreign_keys", "[model][check]") {
  REQUIRE_DIAG(load(replace(kUsersOrders, "foreign_key: users.id, ", "")), "no-fk-path", 8, 7);
  std::string two = replace(kUsersOrders, "nullable: false}\n",
                            "nullable: false}\n      reviewer_id: {type: Integer, foreign_key: users.id}\n");
  auto r = load(two);
  REQUIRE_DIAG(r, "ambiguous-fk-path", 8, 7);
  CHECK(find(r, "ambiguous-fk-path")->hint.find("foreign_keys:") != std::string::npos);
  std::string chosen =
      replace(replace(two, "orders: {model: Order, back_populates: user}",
                      "orders: {model: Order, back_populates: user, foreign_keys: [orders.user_id]}"),
              "user: {model: User, back_populates: orders}",
              "user: {model: User, back_populates: orders, foreign_keys: [user_id]}");
  auto ok = load(chosen);
  INFO(dump(ok));
  CHECK(ok.ok());
}

TEST_CASE("check: uselist false on a one-to-many without a unique FK", "[model][check]") {
  auto r = load(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                        "orders: {model: Order, back_populates: user, uselist: false}"));
  REQUIRE_DIAG(r, "one-to-one-not-unique", 8, 7);
  // SQLAlchemy maps it and create_all() builds it: a warning, never a blocking error.
  CHECK(find(r, "one-to-one-not-unique")->severity == Severity::Warning);
  CHECK(r.ok());
  auto ok = load(replace(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                                 "orders: {model: Order, back_populates: user, uselist: false}"),
                         "nullable: false}", "nullable: false, unique: true}"));
  INFO(dump(ok));
  CHECK(ok.ok());
}

TEST_CASE("check: secondary table without FKs to both sides", "[model][check]") {
  auto r = load(R"YAML(models:
  A:
    table: a
    columns:
      id: {type: Integer, primary_key: true}
    relationships:
      bs: {model: B, secondary: a_b}
  B:
    table: b
    columns:
      id: {type: Integer, primary_key: true}
tables:
  a_b:
    columns:
      a_id: {type: Integer, foreign_key: a.id}
      b_id: Integer
)YAML");
  REQUIRE_DIAG(r, "secondary-without-fk", 7, 7);
  CHECK(find(r, "secondary-without-fk")->message.find("'b'") != std::string::npos);
}

TEST_CASE("check: cascade strings SQLAlchemy rejects", "[model][check]") {
  REQUIRE_DIAG(
      load(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                   "orders: {model: Order, back_populates: user, cascade: \"save-update, delete-orphan\"}")),
      "bad-cascade", 8, 7);
  auto r = load(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                        "orders: {model: Order, back_populates: user, cascade: \"all, delet\"}"));
  REQUIRE_DIAG(r, "bad-cascade", 8, 7);
  CHECK(find(r, "bad-cascade")->hint == "did you mean 'delete'?");
  REQUIRE_DIAG(load(replace(kUsersOrders, "user: {model: User, back_populates: orders}",
                            "user: {model: User, back_populates: orders, cascade: \"all, delete-orphan\"}")),
               "bad-cascade", 15, 7);
}

TEST_CASE("check: a relationship named like a column of its model", "[model][check]") {
  REQUIRE_DIAG(load(replace(replace(kUsersOrders, "      user: {model: User", "      user_id2: {model: User"),
                            "user_id2", "user_id")),
               "relationship-shadows-column", 15, 7);
}

TEST_CASE("check: warnings for delete-orphan on a nullable FK and ORM cascade without ON DELETE",
          "[model][check]") {
  auto r =
      load(replace(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                           "orders: {model: Order, back_populates: user, cascade: \"all, delete-orphan\"}"),
                   "nullable: false}", "nullable: true}"));
  INFO(dump(r));
  CHECK(r.ok());
  REQUIRE_DIAG(r, "orphan-nullable-fk", 8, 7);
  REQUIRE_DIAG(r, "cascade-without-on-delete", 8, 7);
  auto fixed =
      load(replace(replace(kUsersOrders, "orders: {model: Order, back_populates: user}",
                           "orders: {model: Order, back_populates: user, cascade: \"all, delete-orphan\", "
                           "passive_deletes: true}"),
                   "foreign_key: users.id,", "foreign_key: {column: users.id, on_delete: CASCADE},"));
  INFO(dump(fixed));
  CHECK(fixed.diags.all().empty());
}

TEST_CASE("check: every problem is reported at once", "[model][check]") {
  std::string many = replace(replace(kUsersOrders, "String(100)", "Strng"), "orders: {model: Order,",
                             "orders: {model: Ordr,");
  auto r = load(many);
  CHECK(r.diags.errorCount() >= 2);
  CHECK(find(r, "unknown-type"));
  CHECK(find(r, "unknown-model"));
}

TEST_CASE("check: hostile input ends in a diagnostic, never a crash", "[model][check]") {
  CHECK(load(std::string("\0\x01\x02garbage", 10)).diags.unreadable());
  CHECK(load(std::string(5000, '[')).diags.unreadable());
  CHECK(load("a: &x [1, 2]\nb: *x\nmodels: *x\n").diags.hasErrors());
  CHECK(load("- just\n- a list\n").diags.hasErrors());
  CHECK(load("models:\n  A: 5\n").diags.hasErrors());
  CHECK(load("models:\n  A:\n    table: [1]\n    columns: {id: {type: [Integer]}}\n").diags.hasErrors());
  CHECK(load("version: 3\n").diags.hasErrors());
  std::string big =
      "models:\n  Big:\n    table: big\n    columns:\n      id: {type: Integer, primary_key: true}\n";
  for (int i = 0; i < 200000; ++i)
    big += "      c" + std::to_string(i) + ": Text\n";
  auto r = load(big); // ~5 MB
  CHECK(r.ok());
  CHECK(r.model.schema.table("big")->columns.size() == 200001);
}
