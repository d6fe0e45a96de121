#pragma once
#include "dialect/postgres/pg_introspect.h"

namespace tether::pg {

// The CHECK constraints tether models (validated, inheritable, the table's own), each added to its
// table with the expression pg_get_constraintdef() prints. The rest (NOT VALID, NO INHERIT) stay
// unmanaged check_constraint objects (pg_introspect_unmanaged.cpp).
// Read and added apart, so the query runs while other rows are still being turned into tables.
std::vector<Row> readChecks(const CatalogQuery &run, const std::string &schema);
void addChecks(const std::vector<Row> &rows, Schema &s);

} // namespace tether::pg
