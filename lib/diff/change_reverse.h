#pragma once
#include "diff/change.h"
#include <vector>

namespace tether {

// What undoes one change, as changes: usually one (add ↔ drop, rename back, alter back), two or
// more for a dropped table (the table, then each of its indexes), none where nothing may undo it
// (PostgreSQL cannot remove an enum value; unmanaged objects are never dropped; a primary key
// that had no name cannot be renamed back to none).
std::vector<Change> reverseOf(const Change &change);

// The changes that undo `applied` (ordered as planned): each step's reverse, last step first.
// Steps on a table the reverse drops go with the table, as DROP TABLE takes its indexes and keys
// along; its foreign keys are kept on the dropped table so drops can still be ordered.
std::vector<Change> reverseChanges(const std::vector<Change> &applied);

} // namespace tether
