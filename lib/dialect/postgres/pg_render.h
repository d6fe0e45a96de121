#pragma once
#include "dialect/dialect.h"
#include <vector>

namespace tether::pg {

// Renders ordered changes as PostgreSQL statements. `current` (the live schema) supplies the names
// the database gave objects the model leaves unnamed; with opts.online, indexes, unique
// constraints and FKs on existing tables are built without long locks, as re-runnable steps
// outside the transaction.
std::vector<SqlStep> renderChanges(const std::vector<Change> &changes, const Schema &current,
                                   const Schema &desired, const RenderOptions &opts);

} // namespace tether::pg
