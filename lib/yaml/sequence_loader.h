#pragma once
#include "model/model.h"
#include "yaml/yaml_nodes.h"

namespace tether::yamlin {

// `sequence: ab_permission_id_seq` or `sequence: {name:, start:, increment:, schema:}`
// (SQLAlchemy's Sequence(name, start=, increment=, schema=)).
void loadSequence(const std::string &file, const Entry &e, Column &col, Diagnostics &diags,
                  const std::string &what);

// What the database or SQLAlchemy would refuse: a sequence on a non-integer column, or together
// with an identity or a computed value. Reported at the sequence: key.
void checkSequence(const Column &col, const std::string &qualifiedName, Diagnostics &diags);

// Columns sharing one sequence must agree on its options: the database holds one of them.
void checkSharedSequences(const Schema &schema, Diagnostics &diags);

} // namespace tether::yamlin
