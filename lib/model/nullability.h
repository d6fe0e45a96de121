#pragma once
#include "model/schema.h"

namespace tether {

// Whether a column's nullability in the database differs from the models'. A primary-key column
// is NOT NULL whatever the database reports: SQLite lets a non-INTEGER key (TEXT PRIMARY KEY)
// report nullable. plan and audit both judge by this, so they never disagree.
bool nullabilityDiffers(const Table &modelTable, const Column &model, const Column &db);

} // namespace tether
