#pragma once
#include "dialect/dialect.h"
#include "migrate/migration_dir.h"
#include "model/schema.h"
#include <string>

namespace tether {

// How a folder is replayed: on an in-memory database (SQLite), in a throwaway schema of a
// database given for it (--dev-db), or offline, its DDL read by the dialect with no database.
enum class ReplayMode { None, InMemory, DevDb, Offline };
// The mode replaySchema() uses for dialect `d` with `scratchUrl` ("" for none); None when it cannot
// replay at all.
ReplayMode replayModeFor(const Dialect &d, const std::string &scratchUrl);
// "in-memory", "dev-db", "offline" (JSON), and a phrase for text output.
const char *replayModeName(ReplayMode m);
std::string describeReplayMode(ReplayMode m);

// The schema a folder's versions up to and including `upTo` (-1: all) produce, replayed on an
// empty database of dialect `d`: SQLite in memory; PostgreSQL in a throwaway schema of the
// database at `scratchUrl`, created for the replay and dropped afterwards whatever happens, or,
// without one, offline (the dialect reads the DDL; a statement it cannot model exactly is an
// error naming file:line, never a guess).
// Throws Error naming the file and statement when a version does not replay.
Schema replaySchema(const MigrationDir &dir, long upTo, const Dialect &d, const std::string &scratchUrl);
// True when the dialect can replay with no database of its own (SQLite's in-memory database).
bool replaysInMemory(const Dialect &d);

} // namespace tether
