#pragma once
#include "model/model.h"
#include "querylog/shape.h"
#include <string>
#include <vector>

namespace tether {

// The relationship a lookup shape loads, when the models declare one. Shared by every N+1
// source (query logs, pg_stat_statements) so a statement maps the same way wherever it was seen.
struct RelationshipMapping {
  const ModelClass *owner = nullptr;
  const Relationship *rel = nullptr;
  const ForeignKey *fk = nullptr; // the FK the lookup follows, when it follows one
};

// The table a lookup reads: the first one its equalities name, else its first FROM table.
std::string lookupTable(const ShapeInfo &info);
// The columns the lookup filters `table` by, in order, without repeats.
std::vector<std::string> lookupColumns(const ShapeInfo &info, const std::string &table);

// Every relationship that loads rows this way, most specific kind first: many-to-many via the
// secondary's FK, then one-to-many/one-to-one via the child's FK, then many-to-one via the
// target's primary key. Empty when none does.
std::vector<RelationshipMapping> relationshipsLoadedBy(const Model &model, const ShapeInfo &info);

// The candidate whose owner's rows were read just before (parentTable), else the first; nullptr
// when there is none.
const RelationshipMapping *preferOwner(const std::vector<RelationshipMapping> &candidates,
                                       const std::string &parentTable);

// Columns that a relationship could filter by: a key, an FK, or an index's leading column.
bool isKeyLike(const Table &t, const std::vector<std::string> &cols);

// Text for findings: "OrderItem" -> "order item"; the batched query; the model line with `lazy`.
std::string classWords(const std::string &className);
std::string batchedSql(const std::string &table, const std::vector<std::string> &cols);
std::string relationshipYaml(const Relationship &r, const std::string &lazy);

} // namespace tether
