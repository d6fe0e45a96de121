#pragma once
#include "core/source_loc.h"
#include "model/schema.h"
#include <optional>
#include <string>
#include <vector>

namespace tether {

enum class RelationKind { Unresolved, ManyToOne, OneToMany, OneToOne, ManyToMany };
const char *relationKindName(RelationKind k);

struct Relationship {
  std::string name;
  std::string owner;  // the class that declares it
  std::string target; // `model:`
  std::string backPopulates;
  std::optional<bool> uselist;
  std::string secondary;
  std::vector<std::string> foreignKeys; // "table.column"
  std::vector<std::string> remoteSide;
  std::string cascade;
  std::string lazy = "select";
  bool passiveDeletes = false;
  bool singleParent = false;
  // SQLAlchemy's join conditions as written ("Issue.id == issue_links.c.parent_id"); the columns
  // they name choose the foreign key of each side. ORM-only, like the keys after them.
  std::string primaryJoin;
  std::string secondaryJoin;
  bool viewOnly = false;
  std::string orderBy;
  std::string collectionClass;
  SourceLoc loc;

  // Filled by resolution: the kind, and the FK that carries it (on the child table; for
  // many-to-many, the FK of the secondary table that points at the owner).
  RelationKind kind = RelationKind::Unresolved;
  std::string fkTable;
  int fkIndex = -1;
  std::string secondaryTargetFkTable; // many-to-many: FK of secondary to the target
  int secondaryTargetFkIndex = -1;

  bool isCollection() const { return kind == RelationKind::OneToMany || kind == RelationKind::ManyToMany; }
};

struct ModelClass {
  std::string name;
  std::string table;
  std::vector<Relationship> relationships;
  SourceLoc loc;
  // Inheritance: the mapped base class; joined when this class has a table of its own, single-table
  // when not (its columns, in `singleTableColumns` until resolved, join the base's table).
  std::string inherits;
  std::string polymorphicOn;
  std::string polymorphicIdentity;
  Table singleTableColumns;
  std::vector<std::string> singleTableColumnNames; // what a single-table subclass adds, once resolved
  const Relationship *relationship(const std::string &n) const;
};

// Everything the model files declare: the schema (DDL) and the ORM classes above it.
struct Model {
  Schema schema;
  std::vector<ModelClass> classes;
  std::vector<std::string> files;

  const ModelClass *cls(const std::string &n) const;
  ModelClass *cls(const std::string &n);
  const ModelClass *classForTable(const std::string &table) const; // the base class of a hierarchy
  const ForeignKey *fk(const std::string &table, int index) const;
};

} // namespace tether
