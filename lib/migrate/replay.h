#pragma once
#include "dialect/dialect.h"
#include "migrate/migration_dir.h"
#include "model/schema.h"
#include <string>

namespace tether {

// The schema a folder's versions up to and including `upTo` (-1: all) produce, replayed on an
// empty database of dialect `d`: SQLite in memory; PostgreSQL in a throwaway schema of the
// database at `scratchUrl`, created for the replay and dropped afterwards whatever happens.
// Throws Error naming the file and statement when a version does not replay.
Schema replaySchema(const MigrationDir &dir, long upTo, const Dialect &d, const std::string &scratchUrl);
// True when the dialect can replay with no database of its own (SQLite's in-memory database).
bool replaysInMemory(const Dialect &d);

} // namespace tether
