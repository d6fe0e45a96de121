#pragma once
#include "diff/change.h"
#include "model/schema.h"
#include <vector>

namespace tether {

// Where a database ties foreign keys to the primary key they reference (PostgreSQL: dropping the
// key fails while a key points at it), a plan that drops and adds a table's primary key (a
// deferrability change, say) first drops the foreign keys into that table and adds them back
// after, as the models define them. `current` is the database after renames; keys the changes
// already drop are left to them.
void rebuildReferencesOfDroppedKeys(const Schema &desired, const Schema &current, std::vector<Change> &out);

} // namespace tether
