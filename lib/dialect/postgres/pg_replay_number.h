#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include <optional>

namespace tether::pg::replay {

// The number a DefElem option gives (INCREMENT BY -1, START WITH 100, MAXVALUE 2^40); nullopt for
// NO MINVALUE / NO MAXVALUE. Sequence and identity options share it.
std::optional<long long> defElemNumber(const Json &d, const ReplayState &s);

} // namespace tether::pg::replay
