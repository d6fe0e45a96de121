#include "plan/plan.h"
#include "diff/desired_schema.h"
#include "diff/differ.h"
#include "diff/sequence_diff.h"
#include "plan/order.h"
#include <algorithm>
#include <set>

namespace tether {

Plan planChanges(std::vector<Change> changes, const Schema &desired, const Schema &current,
                 const PlanTarget &d, const PlanOptions &opts) {
  Plan p;
  p.dialect = d.name();
  // A primary key whose drop is held back keeps the foreign keys on it as they are: dropping and
  // adding them back would only lock both tables and check every row again.
  auto heldBack = [&](const Change &c) { return c.destructive && !opts.allowDestructive; };
  std::set<std::string> keptKeys;
  for (const Change &c : changes)
    if (c.is<step::DropPrimaryKey>() && heldBack(c)) keptKeys.insert(c.table());
  changes.erase(std::remove_if(changes.begin(), changes.end(),
                               [&](const Change &c) { return keptKeys.count(c.aroundKeyOf) > 0; }),
                changes.end());
  for (auto &c : orderChanges(std::move(changes))) {
    if (heldBack(c))
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
