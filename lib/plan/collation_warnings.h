#pragma once
#include "plan/plan.h"
#include <string>
#include <vector>

namespace tether {

// A collation change is a type change to the database (ALTER COLUMN … TYPE … COLLATE, or a table
// rebuild): the column's values are rewritten and every index on it rebuilt, under the table's
// strongest lock. Said before the plan runs, one line per column, as other rewriting steps are.
std::vector<std::string> collationWarnings(const Plan &plan);

} // namespace tether
