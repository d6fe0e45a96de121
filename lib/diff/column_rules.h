#pragma once
#include "model/schema.h"
#include <string>

namespace tether {

// What the differ needs to know about a database without naming one: when a model column and a
// live column are the same. Each dialect implements it; the differ sees only this.
class ColumnRules {
public:
  virtual ~ColumnRules() = default;
  // The dialect's name, which also picks a model's per-dialect spellings (type variants).
  virtual std::string name() const = 0;
  // Is the database column (introspected: dbType filled) the same type as the model column?
  virtual bool sameType(const Column &model, const Column &db) const = 0;
  virtual bool sameDefault(const Column &model, const Column &db) const = 0;
  // Enum types are objects of their own (CREATE TYPE) rather than a column's text type.
  virtual bool supportsNativeEnums() const = 0;
  // Is the database's CHECK expression (as the catalog prints it) the model's? Both without the
  // CHECK keyword and its parentheses. The default compares the text with whitespace collapsed.
  virtual bool sameCheck(const std::string &model, const std::string &db) const;
};

} // namespace tether
