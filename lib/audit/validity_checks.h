#pragma once
#include "audit/finding.h"
#include "dialect/dialect.h"
#include "model/schema.h"
#include <vector>

namespace tether {

// Objects that exist but do not do their job: a foreign key left NOT VALID (the existing rows were
// never checked; usually an --online apply interrupted before VALIDATE) and an index left INVALID
// by an interrupted CREATE INDEX CONCURRENTLY (it enforces and speeds up nothing).
// Checks unvalidated_constraint and invalid_index.
std::vector<Finding> checkUnvalidatedObjects(const Schema &db, const Dialect &d);

} // namespace tether
