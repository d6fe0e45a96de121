#pragma once
#include "core/diagnostic.h"
#include "model/schema.h"
#include <string>

namespace tether::cli {

// `check --dialect`: every model index option the dialect cannot build, as an error at the index.
void checkIndexesForDialect(const Schema &schema, const std::string &dialect, Diagnostics &diags);

} // namespace tether::cli
