#pragma once
#include "plan/plan.h"
#include <string>

namespace tether {

// The plan as a SQL script: each change as a comment followed by its statements, then the
// skipped destructive changes as comments. Empty text for an empty plan with nothing skipped.
std::string planToSql(const Plan &plan);
// The plan for CI tools: {"dialect", "changes": [{kind, table, description, destructive, sql: […]}],
// "skipped": […], "statements": [{sql, description, change, transactional}]}.
std::string planToJson(const Plan &plan);

} // namespace tether
