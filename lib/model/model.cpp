#include "model/model.h"

namespace tether {

const char *relationKindName(RelationKind k) {
  switch (k) {
  case RelationKind::Unresolved:
    return "unresolved";
  case RelationKind::ManyToOne:
    return "many-to-one";
  case RelationKind::OneToMany:
    return "one-to-many";
  case RelationKind::OneToOne:
    return "one-to-one";
  case RelationKind::ManyToMany:
    return "many-to-many";
  }
  return "unresolved";
}

const Relationship *ModelClass::relationship(const std::string &n) const {
  for (const auto &r : relationships)
    if (r.name == n) return &r;
  return nullptr;
}

const ModelClass *Model::cls(const std::string &n) const {
  for (const auto &c : classes)
    if (c.name == n) return &c;
  return nullptr;
}
ModelClass *Model::cls(const std::string &n) {
  for (auto &c : classes)
    if (c.name == n) return &c;
  return nullptr;
}
const ModelClass *Model::classForTable(const std::string &table) const {
  for (const auto &c : classes)
    if (c.table == table && c.inherits.empty()) return &c;
  for (const auto &c : classes)
    if (c.table == table) return &c;
  return nullptr;
}
const ForeignKey *Model::fk(const std::string &table, int index) const {
  const Table *t = schema.table(table);
  if (!t || index < 0 || index >= static_cast<int>(t->foreignKeys.size())) return nullptr;
  return &t->foreignKeys[static_cast<size_t>(index)];
}

} // namespace tether
