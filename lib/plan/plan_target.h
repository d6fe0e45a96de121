#pragma once
#include "diff/change.h"
#include "diff/column_rules.h"
#include "model/schema.h"
#include <string>
#include <vector>

namespace tether {

// One statement of a rendered plan.
struct SqlStep {
  std::string sql;
  std::string description; // what it does, from the Change
  int change = -1;         // index of the Change it renders (-1: bookkeeping such as PRAGMA)
  // false for statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY,
  // ALTER TYPE … ADD VALUE before PG 12): --online applies those one by one.
  bool transactional = true;
};

struct RenderOptions {
  bool online = false; // PostgreSQL: lock-safe DDL for live tables
};

// What planning needs of the database it plans for: its column rules (to diff) and a renderer
// (changes to SQL). A dialect is one; the plan never learns which.
class PlanTarget : public ColumnRules {
public:
  virtual std::string name() const = 0; // shown in plans and JSON
  // Renders the ordered changes. `current` is the live schema (a table rebuild needs it),
  // `desired` the target.
  virtual std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current,
                                      const Schema &desired, const RenderOptions &opts) const = 0;
};

} // namespace tether
