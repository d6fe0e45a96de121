#pragma once
#include "diff/change.h"
#include "model/schema.h"
#include "plan/plan_target.h"
#include <string>
#include <vector>

namespace tether {

struct PlanOptions {
  bool allowDestructive = false; // without it, destructive changes are skipped, not planned
  RenderOptions render;
};

// What it takes to bring a database to the models: the changes to run (ordered), the ones held
// back, and the SQL the dialect renders for the ones to run.
struct Plan {
  std::string dialect;         // the name of the dialect it was planned for
  std::vector<Change> changes; // ordered; steps[i].change indexes into it
  std::vector<Change> skipped; // destructive changes left out (no --allow-destructive)
  std::vector<SqlStep> steps;
  // Unmanaged objects of the database the models do not list: never dropped, never drift.
  std::vector<UnmanagedObject> leftAlone;

  bool empty() const { return changes.empty(); }
  // The database differs from the models, whether or not anything will be run.
  bool drift() const { return !changes.empty() || !skipped.empty(); }
};

// Orders `changes`, holds back destructive ones unless allowed, and renders the rest. `current`
// is the live schema the changes start from, `desired` the target.
Plan planChanges(std::vector<Change> changes, const Schema &desired, const Schema &current,
                 const PlanTarget &d, const PlanOptions &opts = {});
// diffSchemas + planChanges.
Plan makePlan(const Schema &desired, const Schema &current, const PlanTarget &d,
              const PlanOptions &opts = {});

} // namespace tether
