#pragma once
#include "audit/finding.h"
#include "model/model.h"
#include <vector>

namespace tether {

// Checks that need only the live schema: FKs without a supporting index, indexes another index
// or key already covers, tables without a primary key. `model` (may be null) lends locations.
std::vector<Finding> checkUnindexedForeignKeys(const Schema &db, const Model *model, const class Dialect &d);
std::vector<Finding> checkRedundantIndexes(const Schema &db, const Model *model, const class Dialect &d);
std::vector<Finding> checkTablesWithoutPrimaryKey(const Schema &db, const Model *model);

// True when `cols` (in any order) are the leading columns of the primary key, a unique
// constraint or a plain (non-partial, non-expression) index of `t`.
bool hasSupportingIndex(const Table &t, const std::vector<std::string> &cols);

// The model's position for a table, column or FK, when the models define it.
SourceLoc modelLocation(const Model *model, const std::string &table,
                        const std::vector<std::string> &columns = {});

} // namespace tether
