#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include <string>

namespace tether::pg::replay {

// What a partition declares of its own (not cloned from its parent) is listed by introspection as
// unmanaged objects on the partition: its constraints, indexes and triggers. The replay lists the
// same, by kind and name, and refuses what it cannot name as PostgreSQL would.

// ALTER TABLE partition …: constraints added and dropped; other subcommands change nothing a
// model or an unmanaged object says.
void alterPartition(const std::string &partition, const Json &cmds, ReplayState &s);
// CREATE INDEX on a partitioned table: PostgreSQL attaches a partition's own index when it matches,
// which the replay cannot judge, so it refuses when a partition has one.
void requireNoPartitionIndexes(const std::string &parent, ReplayState &s);

} // namespace tether::pg::replay
