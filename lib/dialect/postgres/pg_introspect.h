#pragma once
#include "dialect/connection.h"
#include "model/schema.h"
#include <functional>
#include <string>
#include <vector>

namespace tether::pg {

// Runs one catalog query with bound parameters ($1…). Introspection goes through this and nothing
// else, so it can be counted.
using CatalogQuery =
    std::function<std::vector<Row>(const std::string &sql, const std::vector<std::string> &params)>;

// The tables, columns, keys, unique constraints, indexes and enum types of one schema, read
// from pg_catalog in a fixed number of queries (four), whatever the number of tables. Tables whose
// names start with tether_ (tether's own bookkeeping) are left out, and so are partitions,
// invalid indexes and indexes that only back a constraint.
// `alongside`, when given, runs the key and index reads on another connection in the same snapshot
// while `run` reads the rest, so the server works on two cores; if it fails, `run` reads them.
Schema introspectSchema(const CatalogQuery &run, const std::string &schema,
                        const CatalogQuery &alongside = {});

} // namespace tether::pg
