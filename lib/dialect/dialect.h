#pragma once
#include "model/schema.h"
#include "plan/plan_target.h"
#include <string>
#include <vector>

namespace tether {

// What a dialect knows without a connection: how to spell types and defaults, how to compare a
// model column with a database column, how to render changes. No neutral code includes a
// dialect's own header; everything goes through this interface.
class Dialect : public PlanTarget {
public:
  virtual std::string quoteIdent(const std::string &ident) const = 0;
  virtual std::string quoteLiteral(const std::string &value) const = 0;
  virtual std::string renderType(const Column &c) const = 0;
  // Maps a database type back to a model type, for `inspect`.
  virtual ColumnType modelTypeOf(const Column &db) const = 0;
};

} // namespace tether
