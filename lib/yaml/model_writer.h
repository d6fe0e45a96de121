#pragma once
#include "model/schema.h"
#include "yaml/inflection.h"
#include <string>

namespace tether {

// A live schema as a model file in tether's format, for `inspect`. Tables with a primary key
// become models named from their table (order_items -> OrderItem); tables without one go under
// `tables:`. Relationships are inferred from the foreign keys between models, in back_populates
// pairs: a many-to-one on the child named after the parent (singular), a one-to-many on the
// parent named after the child table (plural), uselist: false when the FK columns are unique.
// A pure link table (two foreign keys to two models, no column of its own) stays a plain table
// and becomes `secondary:` of a many-to-many on both sides.
// What the format cannot model (views, triggers, expression indexes…) is listed under `unmanaged:`
// with its definition, so apply can recreate it and plan leaves it alone.
// The output loads with the loader and plans to nothing against the same database.
std::string writeModelFile(const Schema &schema);

// order_items -> OrderItem
std::string className(const std::string &table);

} // namespace tether
