#pragma once
#include "diff/change.h"
#include "diff/column_rules.h"
#include "model/schema.h"
#include <vector>

namespace tether {

// The changes that turn `current` (a live database, introspected) into `desired` (the models).
// Tables and columns with renamed_from are renamed in place; unnamed model objects match database
// objects by definition, named ones by name and definition. The result is unordered (see
// lib/plan) and flags destructive changes. The dialect decides type and default equality.
std::vector<Change> diffSchemas(const Schema &desired, const Schema &current, const ColumnRules &d);
// The same for models already resolved for the database (diff/desired_schema.h, desiredFor):
// what the planner calls, having resolved them once for its own use.
std::vector<Change> diffResolved(const Schema &desired, const Schema &current, const ColumnRules &d);

} // namespace tether
