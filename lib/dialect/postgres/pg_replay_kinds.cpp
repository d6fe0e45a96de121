#include "dialect/postgres/pg_replay_kinds.h"
#include <algorithm>

namespace tether::pg::replay {

const std::vector<UnmanagedKind> &unmanagedKinds() {
  static const std::vector<UnmanagedKind> kinds = {
      // In the order a rename looks for a relation's name.
      {"partition", false, true},         {"view", false, true},
      {"materialized_view", false, true}, {"sequence", false, true},
      {"exclude_constraint", true, true}, {"index", false, true},
      {"unique_constraint", true, true},  {"primary_key", true, true},
      {"check_constraint", true, false},  {"foreign_key", true, false},
  };
  return kinds;
}

namespace {
const UnmanagedKind *find(const std::string &kind) {
  const auto &all = unmanagedKinds();
  auto it = std::find_if(all.begin(), all.end(), [&](const UnmanagedKind &k) { return kind == k.name; });
  return it == all.end() ? nullptr : &*it;
}
} // namespace

bool isConstraintKind(const std::string &kind) {
  const UnmanagedKind *k = find(kind);
  return k && k->constraint;
}
bool isRelationKind(const std::string &kind) {
  const UnmanagedKind *k = find(kind);
  return k && k->relation;
}
bool isIndexBackedKind(const std::string &kind) {
  return isConstraintKind(kind) && isRelationKind(kind);
}

} // namespace tether::pg::replay
