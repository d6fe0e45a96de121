#pragma once
#include "plan/plan.h"
#include <string>

namespace tether {

// The plan as a SQL script: each change as a comment followed by its statements, then the
// skipped destructive changes as comments. Empty text for an empty plan with nothing skipped.
std::string planToSql(const Plan &plan);
// A statement as a script shows it: trimmed, ending in one ';'. (The plan's JSON is in
// lib/json/plan_json.h: the neutral core includes no vendor header.)
std::string terminatedSql(const std::string &sql);

} // namespace tether
