#pragma once
#include "plan/plan.h"

namespace tether {

// The plan that undoes `up`: each applied step's own reverse (diff/change_reverse.h), ordered and
// rendered from `after` (the schema up reaches, as the database reads it) back to `before`. What
// the reverses leave different (found by applying them to `after` and diffing against `before`)
// is planned from that difference, so the plan always arrives at `before`.
Plan downPlan(const Plan &up, const Schema &before, const Schema &after, const PlanTarget &d,
              const PlanOptions &opts = {});

} // namespace tether
