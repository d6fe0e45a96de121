#pragma once
#include "diff/change.h"
#include "model/schema.h"
#include <vector>

namespace tether {

// Puts changes in an order both databases accept: enums, renames, drops of constraints and
// indexes, new tables parents before children, then columns, keys, uniques, indexes and foreign
// keys, and last the drops of columns, tables (children before parents) and enums. A new table's
// FK to a table created after it (an FK cycle) is split out of its CREATE TABLE into an
// AddForeignKey that runs once both exist; a self-reference stays inline, since a table exists
// while its own CREATE TABLE runs. Dropped tables that reference each other in a cycle get their
// FKs dropped first.
std::vector<Change> orderChanges(std::vector<Change> changes);

} // namespace tether
