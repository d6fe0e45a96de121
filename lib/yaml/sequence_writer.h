#pragma once
#include "model/schema.h"
#include <yaml-cpp/yaml.h>

namespace tether {

// `sequence: NAME` when start, increment and schema are the defaults, else
// `sequence: {name:, start:, increment:, schema:}`.
void emitColumnSequence(YAML::Emitter &out, const Column &c);

} // namespace tether
