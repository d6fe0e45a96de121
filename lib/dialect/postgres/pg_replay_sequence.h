#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"

namespace tether::pg::replay {

// A free-standing CREATE SEQUENCE: the named sequence a model states (start, increment), or,
// with options it cannot state (AS integer, MINVALUE, CACHE, CYCLE…), none: introspection draws
// the same line (pg_introspect_sequences.h).
void recordSequence(const std::string &name, const Json &options, ReplayState &s);

// ALTER SEQUENCE with options other than OWNED BY: what the sequence ends up as is not followed,
// so a column drawing from it is refused at the end.
void forgetSequenceOptions(const std::string &name, const Json &options, ReplayState &s);

// Once every file is replayed: a column whose default calls nextval() on a free-standing sequence
// keeps that default (it is no serial), and draws from the sequence when the model can state it,
// which then leaves `unmanaged`, as introspection reads it. Refuses where the sequence's options
// were not followed.
void finishSequences(ReplayState &s);

// The column's default calls nextval() on a sequence no serial owns: it stays the column's default.
bool freeSequenceDefault(const Column &c, const ReplayState &s);

} // namespace tether::pg::replay
