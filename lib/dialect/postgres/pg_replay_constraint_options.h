#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include "model/schema.h"

namespace tether::pg::replay {

// When a constraint is checked, as PostgreSQL 15 stores it: INITIALLY DEFERRED implies DEFERRABLE.
Deferrability readDeferrability(const Json &constraint);

// A column constraint's trailing [NOT] DEFERRABLE / INITIALLY … arrives as a constraint node of its
// own (CONSTR_ATTR_*) after the one it qualifies: folded into a copy of that one. False when
// `type` is not such an attribute.
bool applyConstraintAttribute(const std::string &type, Json &qualified);

// ALTER TABLE … ALTER CONSTRAINT name [NOT] DEFERRABLE [INITIALLY …]: foreign keys only.
void alterConstraint(Table &t, const Json &constraint);

// A ColumnDef's COLLATE, as introspection reads it back ("" for the type's default). Collations
// the server may lack (anything but the built-in C, POSIX and ucs_basic, or one the files create)
// are refused: only the server knows.
std::string readCollation(const Json &columnDef, const Column &c, ReplayState &s);

} // namespace tether::pg::replay
