#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include "model/generated_value.h"

namespace tether::pg::replay {

// The identity a CONSTR_IDENTITY constraint (CREATE TABLE, ALTER … ADD GENERATED) declares, with
// the options introspection reads back (start and increment, when not PostgreSQL's defaults).
// Options tether does not model (MINVALUE, CACHE, CYCLE, SEQUENCE NAME…) are refused.
IdentityColumn readIdentity(const Json &constraint, const ReplayState &s);

} // namespace tether::pg::replay
