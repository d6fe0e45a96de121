#include "dialect/postgres/pg_replay_partition.h"
#include "dialect/postgres/pg_replay_kinds.h"

namespace tether::pg::replay {

namespace {
const char *kindOf(const std::string &contype) {
  if (contype == "CONSTR_FOREIGN") return "foreign_key";
  if (contype == "CONSTR_CHECK") return "check_constraint";
  if (contype == "CONSTR_UNIQUE") return "unique_constraint";
  if (contype == "CONSTR_PRIMARY") return "primary_key";
  if (contype == "CONSTR_EXCLUSION") return "exclude_constraint";
  return nullptr;
}

void addConstraint(const std::string &partition, const Json &con, ReplayState &s) {
  const char *kind = kindOf(str(con, "contype"));
  if (!kind) return; // NOT NULL, DEFAULT: the partition's columns, which nothing lists
  const std::string name = str(con, "conname");
  if (name.empty())
    refuse(std::string("an unnamed ") + kind +
           " on a partition (name it: the replay does not guess PostgreSQL's name)");
  // Constraint names are the table's own; a key's or exclusion's is also its index's, a relation.
  bool taken = isIndexBackedKind(kind) && s.relationExists(name);
  for (const auto &u : s.schema.unmanaged)
    taken = taken || (u.table == partition && u.name == name && u.kind != "index" && u.kind != "trigger");
  if (taken) reject("constraint \"" + name + "\" for relation \"" + partition + "\" already exists");
  s.listStatement(kind, name, partition);
}

void dropConstraint(const std::string &partition, const std::string &name, ReplayState &s) {
  for (const UnmanagedKind &k : unmanagedKinds())
    if (k.constraint && s.unmanaged(k.name, name, partition))
      return s.removeUnmanaged(k.name, name, partition);
  // One cloned from the parent: PostgreSQL refuses to drop it, and the parent's stays as it is.
}
} // namespace

void alterPartition(const std::string &partition, const Json &cmds, ReplayState &s) {
  for (const auto &item : cmds) {
    const Json &cmd = at(item, "AlterTableCmd");
    const std::string sub = str(cmd, "subtype");
    if (sub == "AT_AddConstraint") addConstraint(partition, at(at(cmd, "def"), "Constraint"), s);
    if (sub == "AT_DropConstraint") dropConstraint(partition, str(cmd, "name"), s);
  }
}

void requireNoPartitionIndexes(const std::string &parent, ReplayState &s) {
  for (const auto &p : s.schema.unmanaged) {
    if (p.kind != "partition" || p.table != parent) continue;
    for (const auto &u : s.schema.unmanaged)
      if (u.kind == "index" && u.table == p.name)
        refuse("an index on partitioned table " + parent + " while its partition " + p.name +
               " has an index of its own (PostgreSQL attaches a matching one instead of building it)");
    requireNoPartitionIndexes(p.name, s); // sub-partitions
  }
}

} // namespace tether::pg::replay
