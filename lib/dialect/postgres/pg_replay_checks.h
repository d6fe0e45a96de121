#pragma once
#include "dialect/postgres/pg_replay_state.h"
#include <set>
#include <string>

namespace tether::pg::replay {

// CHECK constraints in the offline replay, modelled as introspection models them: a valid,
// inheritable check is the table's; a NOT VALID or NO INHERIT one stays an unmanaged object.

// The check `name` with the parenthesised expression as the file wrote it.
CheckConstraint replayedCheck(const std::string &name, const std::string &parenthesised,
                              const std::set<std::string> &columns);
bool hasCheck(const Table &t, const std::string &name);
bool hasCheck(const Schema &s, const std::string &name);
// VALIDATE CONSTRAINT of an unmanaged NOT VALID check: it becomes a modelled one. True when `name`
// was such a check (or already a modelled one).
bool validateCheck(Table &t, const std::string &name, ReplayState &s);
bool dropCheck(Table &t, const std::string &name);
bool renameCheck(Table &t, const std::string &from, const std::string &to);
// DROP COLUMN takes every check that reads the column along.
void dropChecksReading(Table &t, const std::string &column);
// RENAME COLUMN: PostgreSQL stores the expression as a tree, so it prints the new name.
void renameColumnInChecks(Table &t, const std::string &from, const std::string &to);

} // namespace tether::pg::replay
