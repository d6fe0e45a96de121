#include "plan/down_plan.h"
#include "diff/change_reverse.h"
#include "diff/desired_schema.h"
#include "diff/differ.h"
#include "diff/simulate.h"
#include "plan/order.h"

namespace tether {

Plan downPlan(const Plan &up, const Schema &before, const Schema &after, const PlanTarget &d,
              const PlanOptions &opts) {
  // Simulated in the order they will run: renames first, which the reverses' names assume.
  std::vector<Change> changes = orderChanges(reverseChanges(up.changes));
  const Schema desired = desiredFor(before, after, d);
  Schema reached = after;
  for (const Change &c : changes)
    applyChange(reached, c);
  for (Change &c : diffResolved(desired, reached, d))
    changes.push_back(std::move(c));
  return planChanges(std::move(changes), desired, after, d, opts);
}

} // namespace tether
