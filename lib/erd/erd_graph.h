#pragma once
#include "model/model.h"
#include <string>
#include <vector>

namespace tether {

struct ErdAttribute {
  std::string name, type;
  bool pk = false, fk = false, unique = false, nullable = true;
};

struct ErdEntity {
  std::string id; // the class name, or the table name for plain tables
  std::string table;
  std::vector<ErdAttribute> attributes;
};

// One edge per foreign key: the parent (referenced) side and the child side, with crow's-foot
// cardinality derived from the schema, labelled with the relationships that use it.
struct ErdEdge {
  std::string parent, child;   // entity ids
  bool parentOptional = false; // FK nullable: a child may have no parent
  bool childMany = true;       // false when the FK columns are unique (one-to-one)
  bool inheritance = false;    // the child is a subclass of the parent, not a row it points at
  std::string label;
};

struct ErdGraph {
  std::vector<ErdEntity> entities;
  std::vector<ErdEdge> edges;
};

ErdGraph buildErdGraph(const Model &model);
std::string renderMermaid(const ErdGraph &g);
std::string renderDot(const ErdGraph &g);

} // namespace tether
