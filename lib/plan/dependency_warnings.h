#pragma once
#include "model/schema.h"
#include "plan/plan.h"
#include <string>
#include <vector>

namespace tether {

// Plan steps that would break an object tether does not model: a dropped, renamed or retyped
// column, or a dropped or renamed table, that a view, trigger, function, rule or expression index
// of the live database names in its definition. Said before the plan runs, one line each, because
// the database either refuses the step while the object exists or silently leaves the object
// broken (or drops it with the column). The match is by identifier in the object's definition:
// it may name a column of the same name in another table, never miss one the definition spells.
std::vector<std::string> dependencyWarnings(const Plan &plan, const Schema &live);

} // namespace tether
