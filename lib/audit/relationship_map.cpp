#include "audit/relationship_map.h"
#include "core/strings.h"
#include <algorithm>

namespace tether {

std::string lookupTable(const ShapeInfo &info) {
  for (const auto &eq : info.equalities)
    if (!eq.table.empty()) return eq.table;
  return info.tables.empty() ? std::string() : info.tables[0];
}

std::vector<std::string> lookupColumns(const ShapeInfo &info, const std::string &table) {
  std::vector<std::string> cols;
  for (const auto &eq : info.equalities)
    if ((eq.table == table || eq.table.empty()) &&
        std::find(cols.begin(), cols.end(), eq.column) == cols.end())
      cols.push_back(eq.column);
  return cols;
}

const RelationshipMapping *preferOwner(const std::vector<RelationshipMapping> &candidates,
                                       const std::string &parentTable) {
  if (candidates.empty()) return nullptr;
  for (const auto &m : candidates)
    if (m.owner->table == parentTable) return &m;
  return &candidates.front();
}

bool isKeyLike(const Table &t, const std::vector<std::string> &cols) {
  if (t.isUniqueSet(cols) || sameColumnSet(t.primaryKey, cols)) return true;
  for (const auto &fk : t.foreignKeys)
    if (sameColumnSet(fk.columns, cols)) return true;
  for (const auto &ix : t.indexes)
    if (!ix.columns.empty() && std::find(cols.begin(), cols.end(), ix.columns[0]) != cols.end()) return true;
  return false;
}

std::vector<RelationshipMapping> relationshipsLoadedBy(const Model &model, const ShapeInfo &info) {
  std::vector<RelationshipMapping> candidates;
  // Many-to-many: the lookup filters the secondary table by its FK to the owner.
  for (const auto &c : model.classes)
    for (const auto &r : c.relationships) {
      if (r.kind != RelationKind::ManyToMany || r.secondary.empty()) continue;
      const ForeignKey *fk = model.fk(r.fkTable.empty() ? r.secondary : r.fkTable, r.fkIndex);
      if (!fk) continue;
      std::vector<std::string> cols;
      for (const auto &eq : info.equalities)
        if (eq.table == r.secondary) cols.push_back(eq.column);
      if (!cols.empty() && sameColumnSet(cols, fk->columns)) return {RelationshipMapping{&c, &r, fk}};
    }
  std::string table = lookupTable(info);
  const Table *t = model.schema.table(table);
  if (!t) return {};
  std::vector<std::string> cols = lookupColumns(info, table);
  // By a child's FK: the parent's one-to-many or one-to-one.
  for (size_t i = 0; i < t->foreignKeys.size(); ++i) {
    if (!sameColumnSet(t->foreignKeys[i].columns, cols)) continue;
    for (const auto &c : model.classes)
      for (const auto &r : c.relationships)
        if ((r.kind == RelationKind::OneToMany || r.kind == RelationKind::OneToOne) && r.fkTable == table &&
            r.fkIndex == static_cast<int>(i))
          candidates.push_back(RelationshipMapping{&c, &r, &t->foreignKeys[i]});
  }
  if (!candidates.empty()) return candidates;
  // By the parent's primary key: a child's many-to-one.
  if (!t->primaryKey.empty() && sameColumnSet(t->primaryKey, cols)) {
    for (const auto &c : model.classes)
      for (const auto &r : c.relationships) {
        if (r.kind != RelationKind::ManyToOne) continue;
        const ModelClass *target = model.cls(r.target);
        if (target && target->table == table)
          candidates.push_back(RelationshipMapping{&c, &r, model.fk(r.fkTable, r.fkIndex)});
      }
  }
  return candidates;
}

std::string classWords(const std::string &className) {
  std::string out;
  for (size_t i = 0; i < className.size(); ++i) {
    char c = className[i];
    if (c >= 'A' && c <= 'Z') {
      if (i > 0 && !(className[i - 1] >= 'A' && className[i - 1] <= 'Z')) out += ' ';
      out += static_cast<char>(c + 32);
    } else {
      out += c == '_' ? ' ' : c;
    }
  }
  return out;
}

std::string batchedSql(const std::string &table, const std::vector<std::string> &cols) {
  if (cols.size() == 1) return "SELECT … FROM " + table + " WHERE " + cols[0] + " = ANY($1)";
  return "SELECT … FROM " + table + " WHERE (" + join(cols, ", ") + ") IN (…)";
}

std::string relationshipYaml(const Relationship &r, const std::string &lazy) {
  std::string y = r.name + ": {model: " + r.target;
  if (!r.backPopulates.empty()) y += ", back_populates: " + r.backPopulates;
  if (r.uselist && !*r.uselist) y += ", uselist: false";
  if (!r.secondary.empty()) y += ", secondary: " + r.secondary;
  return y + ", lazy: " + lazy + "}";
}

} // namespace tether
