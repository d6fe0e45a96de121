#include "yaml/deferrable_writer.h"

namespace tether::yamlout {

void emitDeferrable(YAML::Emitter &out, const Deferrability &d) {
  if (!d.present()) return;
  out << YAML::Key << "deferrable" << YAML::Value << true;
  if (d.initiallyDeferred) out << YAML::Key << "initially" << YAML::Value << "DEFERRED";
}

} // namespace tether::yamlout
