#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"

namespace tether::pg::replay {

void createIndex(const Json &stmt, ReplayState &s);
void createEnum(const Json &stmt, ReplayState &s);
void alterEnum(const Json &stmt, ReplayState &s);
void createDomain(const Json &stmt, ReplayState &s);
void alterDomain(const Json &stmt, ReplayState &s);
void createView(const Json &stmt, ReplayState &s);
void createTableAs(const Json &stmt, ReplayState &s); // materialized views
void createFunction(const Json &stmt, ReplayState &s);
void createTrigger(const Json &stmt, ReplayState &s);
void createSequence(const Json &stmt, ReplayState &s);
void alterSequence(const Json &stmt, ReplayState &s);
void createExtension(const Json &stmt, ReplayState &s);
void commentOn(const Json &stmt, ReplayState &s);
// A function's name as introspection lists it: name(identity arguments), from FunctionParameters;
// with `typesOnly`, the input types alone, which is what tells PostgreSQL's functions apart.
std::string functionSignature(const std::string &name, const Json &parameters, bool procedure,
                              const ReplayState &s, bool typesOnly = false);

} // namespace tether::pg::replay
