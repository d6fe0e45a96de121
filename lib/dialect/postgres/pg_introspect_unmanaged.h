#pragma once
#include "dialect/postgres/pg_introspect.h"

namespace tether::pg {

// Everything of one schema that tether does not model, each with the statement that creates it
// as PostgreSQL prints it: extensions, domains, free-standing sequences, functions, partitions,
// CHECK and EXCLUDE constraints, views, materialized views and triggers. One catalog query,
// in an order the statements can be replayed in.
std::vector<UnmanagedObject> introspectUnmanaged(const CatalogQuery &run, const std::string &schema);

// The statement that recreates an index pg_get_indexdef printed, for indexes the model format
// cannot say (expressions, WHERE, access method, sort order, INCLUDE, operator classes).
UnmanagedObject unmanagedIndex(const std::string &table, const std::string &name,
                               const std::string &indexdef);

} // namespace tether::pg
