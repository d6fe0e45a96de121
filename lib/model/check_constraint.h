#pragma once
#include "core/source_loc.h"
#include <string>
#include <vector>

namespace tether {

// A CHECK constraint (SQLAlchemy's CheckConstraint). Column-level and table-level checks are the
// same object to the database; `column` only remembers where the model wrote it, so `inspect` can
// write it back there.
struct CheckConstraint {
  std::string name;                 // empty: the database names it (PostgreSQL) or keeps none (SQLite)
  std::string sql;                  // the boolean expression, without CHECK and its parentheses
  std::string column;               // written on this column (`check:`); "" for a table's `checks:`
  std::vector<std::string> columns; // the columns the expression reads, where known
  // Brought by a column's type (Boolean/Enum create_constraint=True) where the database lacks
  // the native type, rather than written by the model.
  bool typeBound = false;
  SourceLoc loc;
};

} // namespace tether
