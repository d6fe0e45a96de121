#pragma once
#include "core/diagnostic.h"
#include "model/model.h"

namespace tether {
// The cross-reference checks of `tether check`: foreign keys, relationships and their
// back_populates pairs, one-to-one uniqueness, cascades. Runs after relationships are resolved.
void validateModel(const Model &model, Diagnostics &diags);
} // namespace tether
