#pragma once
#include "model/deferrable.h"
#include <yaml-cpp/yaml.h>

namespace tether::yamlout {

// `deferrable: true` and, when so, `initially: DEFERRED`, inside a constraint's flow map; nothing
// for a constraint checked at each statement (the default).
void emitDeferrable(YAML::Emitter &out, const Deferrability &d);

} // namespace tether::yamlout
