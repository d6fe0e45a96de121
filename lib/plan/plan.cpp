#include "plan/plan.h"
#include "diff/desired_schema.h"
#include "diff/differ.h"
#include "diff/sequence_diff.h"
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
  for (const auto &u : current.unmanaged)
    if (!desired.unmanagedObject(u.kind, u.name) && !modelNamesSequence(desired, u)) p.leftAlone.push_back(u);
  if (!p.changes.empty()) p.steps = d.render(p.changes, current, desired, opts.render);
  return p;
}

Plan makePlan(const Schema &desired, const Schema &current, const PlanTarget &d, const PlanOptions &opts) {
  const Schema built = desiredFor(desired, current, d);
  return planChanges(diffResolved(built, current, d), built, current, d, opts);
}

} // namespace tether
