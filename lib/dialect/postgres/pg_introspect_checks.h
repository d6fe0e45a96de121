#pragma once
#include "dialect/postgres/pg_introspect.h"

namespace tether::pg {

// The CHECK constraints tether models (validated, inheritable, the table's own), each added to its
// table with the expression pg_get_constraintdef() prints. The rest (NOT VALID, NO INHERIT) stay
// unmanaged check_constraint objects (pg_introspect_unmanaged.cpp).
void introspectChecks(const CatalogQuery &run, const std::string &schema, Schema &s);

} // namespace tether::pg
