#pragma once
#include "diff/change.h"
#include <vector>

namespace tether {

// A foreign key that differs from the database's only in when it is checked is altered in place
// (AlterForeignKey), not dropped and added: that would check every row again under a lock.
// Works on the FK drops and adds from `from` on.
void foldDeferrabilityChanges(std::vector<Change> &changes, size_t from);

} // namespace tether
