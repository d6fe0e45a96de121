#pragma once
#include <string>
#include <vector>

namespace tether::pg::replay {

// The kinds of unmanaged object the offline replay keeps, and what each is to PostgreSQL: one
// table, so the rules that ask "is it a constraint?", "does its name take a relation's?" agree.
struct UnmanagedKind {
  const char *name;
  bool constraint; // a table's constraint (named per table)
  bool relation;   // its name is a pg_class row of the schema (an index-backed constraint's too)
};
const std::vector<UnmanagedKind> &unmanagedKinds();
bool isConstraintKind(const std::string &kind);
bool isRelationKind(const std::string &kind);
// A constraint whose index carries its name: UNIQUE, PRIMARY KEY, EXCLUDE.
bool isIndexBackedKind(const std::string &kind);

} // namespace tether::pg::replay
