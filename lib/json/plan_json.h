#pragma once
#include "plan/plan.h"
#include <string>

namespace tether {

// The plan for CI tools: {"dialect", "changes": [{kind, table, description, destructive, sql: […],
// origin}], "skipped": […], "left_alone": […], "statements": [{sql, description, change,
// transactional}]}. It lives here, not in plan, because the neutral core includes no vendor header.
std::string planToJson(const Plan &plan);

} // namespace tether
