#include "yaml/sequence_writer.h"

namespace tether {

void emitColumnSequence(YAML::Emitter &out, const Column &c) {
  const Sequence &s = c.sequence;
  if (!s.present()) return;
  out << YAML::Key << "sequence" << YAML::Value;
  if (s.schema.empty() && !s.start && !s.increment) {
    out << s.name;
    return;
  }
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << s.name;
  if (s.start) out << YAML::Key << "start" << YAML::Value << *s.start;
  if (s.increment) out << YAML::Key << "increment" << YAML::Value << *s.increment;
  if (!s.schema.empty()) out << YAML::Key << "schema" << YAML::Value << s.schema;
  out << YAML::EndMap;
}

} // namespace tether
