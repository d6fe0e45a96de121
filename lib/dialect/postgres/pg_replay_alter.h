#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"

namespace tether::pg::replay {

void alterTable(const Json &stmt, ReplayState &s);
// ALTER … RENAME: tables, columns, constraints, indexes, views, sequences, types, triggers.
void renameObject(const Json &stmt, ReplayState &s);

} // namespace tether::pg::replay
