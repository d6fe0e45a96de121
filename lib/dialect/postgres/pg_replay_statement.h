#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include <string>

namespace tether::pg::replay {

// Applies one parsed statement (its node type and body) to the schema. Statements with no schema
// meaning (SET, data changes, GRANT, ANALYZE…) are skipped; throws Refusal for one the replay
// cannot model exactly and Rejection for one PostgreSQL would refuse.
void replayStatement(const std::string &type, const Json &stmt, ReplayState &s);
// The statement's kind for messages: "CREATE TABLE", "DO", "ALTER TABLE".
std::string statementKind(const std::string &type, const Json &stmt);

} // namespace tether::pg::replay
