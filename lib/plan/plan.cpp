#include "plan/plan.h"
#include "diff/differ.h"
#include "plan/order.h"

namespace tether {

Plan planChanges(std::vector<Change> changes, const Schema &desired, const Schema &current,
                 const PlanTarget &d, const PlanOptions &opts) {
  Plan p;
  p.dialect = d.name();
  for (auto &c : orderChanges(std::move(changes))) {
    if (c.destructive && !opts.allowDestructive)
      p.skipped.push_back(std::move(c));
    else
      p.changes.push_back(std::move(c));
  }
  if (!p.changes.empty()) p.steps = d.render(p.changes, current, desired, opts.render);
  return p;
}

Plan makePlan(const Schema &desired, const Schema &current, const PlanTarget &d, const PlanOptions &opts) {
  return planChanges(diffSchemas(desired, current, d), desired, current, d, opts);
}

} // namespace tether
