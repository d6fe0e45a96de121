#include "yaml/index_writer.h"

namespace tether::yamlout {

void emitIndex(YAML::Emitter &out, const Index &ix) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << "columns" << YAML::Value << YAML::Flow
      << YAML::BeginSeq;
  for (size_t i = 0; i < ix.columns.size(); ++i) {
    const IndexKey k = indexKeyAt(ix, i);
    if (k == IndexKey{}) {
      out << ix.columns[i];
      continue;
    }
    out << YAML::Flow << YAML::BeginMap << YAML::Key << (k.expression ? "expression" : "column")
        << YAML::Value << YAML::DoubleQuoted << ix.columns[i];
    if (!k.order.empty()) out << YAML::Key << "order" << YAML::Value << k.order;
    if (!k.nulls.empty()) out << YAML::Key << "nulls" << YAML::Value << k.nulls;
    if (!k.opclass.empty()) out << YAML::Key << "opclass" << YAML::Value << k.opclass;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "name" << YAML::Value << ix.name;
  if (ix.unique) out << YAML::Key << "unique" << YAML::Value << true;
  if (indexMethod(ix) != "btree") out << YAML::Key << "using" << YAML::Value << ix.method;
  if (!ix.include.empty()) out << YAML::Key << "include" << YAML::Value << YAML::Flow << ix.include;
  if (ix.nullsNotDistinct) out << YAML::Key << "nulls_not_distinct" << YAML::Value << true;
  if (!ix.predicate.empty()) out << YAML::Key << "where" << YAML::Value << YAML::DoubleQuoted << ix.predicate;
  out << YAML::EndMap;
}

} // namespace tether::yamlout
