#pragma once
#include "diff/column_rules.h"
#include "model/schema.h"

namespace tether {

// The models as database `d` would build them next to `current`: with_variant() types and the
// CHECKs of types `d` has no native form of resolved for it, and references into `current`'s own
// schema written unqualified, as introspection reads them. Idempotent.
Schema desiredFor(const Schema &models, const Schema &current, const ColumnRules &d);

} // namespace tether
