#pragma once
#include "core/diagnostic.h"
#include "model/schema.h"
#include "yaml/yaml_nodes.h"
#include <string>
#include <vector>

namespace tether::yamlin {

// The keys an entry of `indexes:` may have.
const std::vector<std::string> &indexKeys();

// One entry of an index: `columns:` (plain names, or per-element maps {column|expression, order,
// nulls, opclass}), `expressions:`, `where:`, `using:`, `include:`, `nulls_not_distinct:`. The
// name and unique flag stay with the caller. Returns false for a key it does not know.
bool loadIndexEntry(const std::string &file, const Entry &e, Index &ix, Diagnostics &diags);

// The columns an index names (its column elements and INCLUDE), for the caller's check that
// each is a column of the table; expressions are SQL and checked by the database.
std::vector<std::string> indexColumnNames(const Index &ix);

// The part of an automatic name an element contributes: the column, or "expr".
std::string indexNamePart(const Index &ix, size_t i);

} // namespace tether::yamlin
