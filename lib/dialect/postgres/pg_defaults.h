#pragma once
#include "model/schema.h"
#include <string>

namespace tether::pg {

// A default expression as pg_get_expr() prints it, read back into the neutral kinds:
// `'x'::character varying` is the string x, `true` a boolean, `'-1'::integer` and `1.5` numbers,
// `NULL::text` no default, anything else SQL.
ColumnDefault parseDefault(const std::string &expr);
// Is this the default of a serial column (nextval of its sequence)?
bool isSequenceDefault(const std::string &expr);
// The SQL written after DEFAULT.
std::string renderDefault(const ColumnDefault &d);
// Equal after PostgreSQL's normalisation: casts of literals, numeric spelling, now() and
// CURRENT_TIMESTAMP alike.
bool sameDefault(const ColumnDefault &model, const ColumnDefault &db);

} // namespace tether::pg
