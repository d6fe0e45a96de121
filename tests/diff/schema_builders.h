#pragma once
// Small builders for hand-made schemas in tests of the differ, the planner and the dialects.
#include "model/schema.h"
#include <string>
#include <vector>

namespace tether::test {

inline Column col(const std::string &name, TypeKind kind, bool nullable = true) {
  Column c;
  c.name = name;
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

inline Column str(const std::string &name, int length, bool nullable = true) {
  Column c = col(name, TypeKind::String, nullable);
  c.type.length = length;
  return c;
}

// A table with an autoincrement integer primary key "id" and the given columns.
inline Table table(const std::string &name, std::vector<Column> cols = {}) {
  Table t;
  t.name = name;
  Column id = col("id", TypeKind::Integer, false);
  id.autoincrement = true;
  t.columns.push_back(id);
  for (auto &c : cols)
    t.columns.push_back(c);
  t.primaryKey = {"id"};
  return t;
}

inline ForeignKey fk(const std::string &column, const std::string &refTable,
                     FkAction onDelete = FkAction::None) {
  ForeignKey f;
  f.columns = {column};
  f.refTable = refTable;
  f.refColumns = {"id"};
  f.onDelete = onDelete;
  return f;
}

inline Index index(const std::string &name, std::vector<std::string> cols, bool unique = false) {
  Index i;
  i.name = name;
  i.columns = std::move(cols);
  i.unique = unique;
  return i;
}

inline UniqueConstraint unique(std::vector<std::string> cols, const std::string &name = "") {
  UniqueConstraint u;
  u.columns = std::move(cols);
  u.name = name;
  return u;
}

// The e-commerce schema of the model format's example, as the loader would produce it.
inline Schema shopSchema() {
  Schema s;
  Table users = table("users", {str("email", 255), str("full_name", 200)});
  users.uniques.push_back(unique({"email"}));
  Table profiles =
      table("user_profiles", {col("user_id", TypeKind::Integer, false), col("bio", TypeKind::Text),
                              str("phone", 20), str("address", 500)});
  profiles.foreignKeys.push_back(fk("user_id", "users"));
  profiles.uniques.push_back(unique({"user_id"}));
  Column total = col("total_amount", TypeKind::Numeric);
  total.type.precision = 10;
  total.type.scale = 2;
  Table orders = table("orders", {col("user_id", TypeKind::Integer, false), total, str("status", 50)});
  orders.foreignKeys.push_back(fk("user_id", "users"));
  orders.indexes.push_back(index("ix_orders_user_id", {"user_id"}));
  Column price = total;
  price.name = "price";
  Table products = table("products", {str("name", 200), price});
  Column unitPrice = total;
  unitPrice.name = "unit_price";
  unitPrice.nullable = false;
  Table items = table("order_items",
                      {col("order_id", TypeKind::Integer, false), col("product_id", TypeKind::Integer, false),
                       col("quantity", TypeKind::Integer, false), unitPrice});
  items.foreignKeys.push_back(fk("order_id", "orders"));
  items.foreignKeys.push_back(fk("product_id", "products"));
  items.indexes.push_back(index("ix_order_items_order_id", {"order_id"}));
  items.indexes.push_back(index("ix_order_items_product_id", {"product_id"}));
  // Children first on purpose: the planner, not the order of the models, decides the order.
  s.tables = {items, orders, profiles, users, products};
  return s;
}

} // namespace tether::test
