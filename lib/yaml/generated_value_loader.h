#pragma once
#include "model/schema.h"
#include "yaml/yaml_nodes.h"

namespace tether::yamlin {

// A whole number (start:, increment:), reported at the value when it is not one.
bool asInteger(const std::string &file, const yamlin::Node &n, std::optional<long long> &out,
               Diagnostics &diags, const std::string &what);

// `computed: "price * qty"` or `computed: {sql: "price * qty", stored: true}` (SQLAlchemy's
// Computed(sqltext, persisted=…)).
void loadComputed(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what);

// `identity: true` or `identity: {always: false, start: 1000, increment: 1}` (SQLAlchemy's
// Identity(always=…, start=…, increment=…)).
void loadIdentity(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what);

// What the database would refuse in a column that uses them: a computed column with a default or
// an identity; an identity with a default or on a non-integer type. Reported at the column.
void checkGeneratedValue(const Column &col, const std::string &qualifiedName, Diagnostics &diags);

} // namespace tether::yamlin
