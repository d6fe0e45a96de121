#pragma once
#include "core/diagnostic.h"
#include "model/model.h"
#include <string>

namespace tether {

struct LoadResult {
  Model model;
  Diagnostics diags; // every problem found; diags.unreadable() means YAML that could not be parsed
  bool ok() const { return !diags.hasErrors(); }
};

// Loads a model file or a directory of *.yaml/*.yml files (sorted, merged), validates it and
// resolves relationships (kind, carrying FK). Never throws for bad input: everything lands in
// diags with file:line:column.
LoadResult loadModels(const std::string &path);
// The same for text in memory (tests, fuzzing); `fileName` is used in locations only.
LoadResult loadModelsFromString(const std::string &text, const std::string &fileName);

} // namespace tether
