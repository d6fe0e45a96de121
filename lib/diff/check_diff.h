#pragma once
#include "diff/change.h"
#include "diff/column_rules.h"
#include "model/schema.h"
#include <vector>

namespace tether {

// CHECK constraints of one table: a named model check pairs with the database check of that name,
// an unnamed one with any database check of the same expression (the database named it). A check
// the models keep as an unmanaged object is left alone. A database check no model check claims is
// dropped, destructive like any other lost constraint unless a redefinition replaces it.
void diffChecks(const Table &want, const Table &have, const Schema &desired, const ColumnRules &rules,
                std::vector<Change> &out);

// A primary key the model names differently from the database's (same columns): renamed.
void diffPrimaryKeyName(const Table &want, const Table &have, std::vector<Change> &out);

// A model's unmanaged check_constraint that the database holds as a modelled check (a model file
// inspected before checks were modelled): present, so not to be created again.
bool isModelledCheck(const UnmanagedObject &u, const Schema &current);

} // namespace tether
