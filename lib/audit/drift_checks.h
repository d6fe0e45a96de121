#pragma once
#include "audit/finding.h"
#include "dialect/dialect.h"
#include "model/model.h"
#include <vector>

namespace tether {

// What the models declare and the database lacks (missing_table, missing_column,
// missing_foreign_key, missing_unique, column_mismatch), and the reverse (unexpected_table,
// unexpected_column). Unnamed constraints match by definition, never by name.
std::vector<Finding> checkDrift(const Model &model, const Schema &db, const Dialect &d);

} // namespace tether
