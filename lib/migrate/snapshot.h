#pragma once
#include "dialect/dialect.h"
#include "model/schema.h"
#include <string>

namespace tether {

// schema.snapshot.yaml: the schema the last migration of a directory reaches, as a model file,
// so `migrate new` and `migrate check` need no database.

// The snapshot of `dir`, shaped like an introspected schema of `d` (database types filled in) so
// the differ compares it with the models as it would a live database. Empty when there is none.
// Throws Error when the file does not load.
Schema loadSnapshot(const std::string &dir, const Dialect &d);
void writeSnapshot(const std::string &dir, const Schema &schema);
// The models' schema shaped the same way (for comparing two snapshots-to-be).
Schema asIntrospected(Schema schema, const Dialect &d);

} // namespace tether
