#pragma once
#include "core/diagnostic.h"
#include "model/model.h"

namespace tether {
// Infers each relationship's kind and the FK that carries it, as SQLAlchemy does: an FK on the
// owner's table to the target's makes a many-to-one; the reverse a one-to-many (one-to-one with
// uselist: false); a `secondary` table a many-to-many; on a self-reference, remote_side decides.
void resolveRelationships(Model &model, Diagnostics &diags);
} // namespace tether
