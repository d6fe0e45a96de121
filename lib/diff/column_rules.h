#pragma once
#include "model/schema.h"

namespace tether {

// What the differ needs to know about a database without naming one: when a model column and a
// live column are the same. Each dialect implements it; the differ sees only this.
class ColumnRules {
public:
  virtual ~ColumnRules() = default;
  // Is the database column (introspected: dbType filled) the same type as the model column?
  virtual bool sameType(const Column &model, const Column &db) const = 0;
  virtual bool sameDefault(const Column &model, const Column &db) const = 0;
  // Enum types are objects of their own (CREATE TYPE) rather than a column's text type.
  virtual bool supportsNativeEnums() const = 0;
};

} // namespace tether
