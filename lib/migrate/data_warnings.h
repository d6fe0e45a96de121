#pragma once
#include "model/schema.h"
#include "plan/plan.h"
#include <string>
#include <vector>

namespace tether {

class Connection;

// What a migration (or plan) will fail on given the live data, said before it runs: UNIQUE where
// rows share a value, SET NOT NULL where rows are NULL, a NOT NULL column without a default on a
// table with rows, a narrowing where values are longer, and a foreign key where orphan rows exist.
// Counted by the linter's data judge and read-only queries; `label` names the SQL in the lines
// ("0003_x.up.sql:4", "plan:2"). One line each; empty when nothing will fail.
std::vector<std::string> liveDataWarnings(Connection &db, const std::string &label, const std::string &sql);

// The same for a plan (plan, apply): its SQL judged as above, plus each foreign key it adds to an
// existing table counted for orphan rows the constraint would refuse.
std::vector<std::string> planDataWarnings(Connection &db, const Plan &plan, const Schema &live);

// Everything plan and apply say before a plan runs: the data warnings above (only when the database
// exists: an empty one has no rows) and the unmanaged objects a step would break.
std::vector<std::string> planRunWarnings(Connection &db, const Plan &plan, const Schema &live,
                                         bool databaseExisted);

} // namespace tether
