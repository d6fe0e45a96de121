#pragma once
#include "model/schema.h"
#include <yaml-cpp/yaml.h>

namespace tether::yamlout {

// One entry of `indexes:` in flow style: `{columns: [a, {expression: "lower(b)", order: desc}],
// name: ix, unique: true, using: gin, where: "…", include: [c], nulls_not_distinct: true}`.
void emitIndex(YAML::Emitter &out, const Index &ix);

} // namespace tether::yamlout
