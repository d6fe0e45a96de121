#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"

namespace tether::pg::replay {

// DROP TABLE / VIEW / INDEX / SEQUENCE / TYPE / DOMAIN / FUNCTION / TRIGGER / EXTENSION, with
// what CASCADE takes along (or what makes the drop fail without it).
void dropObjects(const Json &stmt, ReplayState &s);

} // namespace tether::pg::replay
