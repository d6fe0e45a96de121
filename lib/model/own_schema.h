#pragma once
#include "model/schema.h"

namespace tether {

// The models with every reference that names `own` explicitly (foreign_key: public.users.id,
// sequence: {schema: public}) rewritten to name no schema, as the database reports its own
// objects; otherwise each plan would drop and re-add what is already there. `own` empty: unchanged.
Schema withOwnSchemaUnqualified(Schema models, const std::string &own);

} // namespace tether
