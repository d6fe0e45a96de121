#include "dialect/postgres/pg_replay_alter.h"
#include "dialect/postgres/pg_replay_checks.h"
#include "dialect/postgres/pg_replay_constraint_options.h"
#include "dialect/postgres/pg_replay_expr.h"
#include "dialect/postgres/pg_replay_identity.h"
#include "dialect/postgres/pg_replay_index.h"
#include "dialect/postgres/pg_replay_kinds.h"
#include "dialect/postgres/pg_replay_partition.h"
#include "dialect/postgres/pg_replay_table.h"
#include "dialect/postgres/pg_types.h"
#include <algorithm>
#include <set>

namespace tether::pg::replay {

namespace {
// Subcommands that change nothing introspection reads: storage, statistics, ownership, triggers
// switched on or off, row security.
const std::set<std::string> kNoSchemaEffect = {"AT_SetStatistics",     "AT_SetOptions",
                                               "AT_ResetOptions",      "AT_SetStorage",
                                               "AT_SetCompression",    "AT_ClusterOn",
                                               "AT_DropCluster",       "AT_SetLogged",
                                               "AT_SetUnLogged",       "AT_SetRelOptions",
                                               "AT_ResetRelOptions",   "AT_ReplaceRelOptions",
                                               "AT_SetTableSpace",     "AT_SetAccessMethod",
                                               "AT_EnableTrig",        "AT_EnableAlwaysTrig",
                                               "AT_EnableReplicaTrig", "AT_DisableTrig",
                                               "AT_EnableTrigAll",     "AT_DisableTrigAll",
                                               "AT_EnableTrigUser",    "AT_DisableTrigUser",
                                               "AT_EnableRule",        "AT_EnableAlwaysRule",
                                               "AT_EnableReplicaRule", "AT_DisableRule",
                                               "AT_EnableRowSecurity", "AT_DisableRowSecurity",
                                               "AT_ForceRowSecurity",  "AT_NoForceRowSecurity",
                                               "AT_ChangeOwner",       "AT_ReplicaIdentity",
                                               "AT_GenericOptions",    "AT_AlterColumnGenericOptions",
                                               "AT_SetIdentity"};

Column &columnOf(Table &t, const std::string &name) {
  Column *c = t.column(name);
  if (!c) reject("column \"" + name + "\" of relation \"" + t.name + "\" does not exist");
  return *c;
}

void alterColumnType(const std::string &table, const std::string &column, const Json &def, ReplayState &s) {
  if (!s.viewsReading(table).empty())
    refuse(
        "ALTER COLUMN … TYPE on a table a view reads (PostgreSQL refuses it when the view uses the column)");
  Column typed;
  if (!readColumnType(at(def, "typeName"), s, typed).empty()) reject("type \"serial\" does not exist");
  Column &c = columnOf(s.table(table), column);
  c.type = typed.type;
  c.dbType = typed.dbType;
  c.collation = readCollation(def, typed, s); // no COLLATE: the new type's default
  // USING rewrites the rows only; an existing default is cast to the new type and keeps its value.
}

void alterCommand(const std::string &table, const Json &cmd, ReplayState &s) {
  const std::string sub = str(cmd, "subtype"), name = str(cmd, "name");
  const bool cascade = str(cmd, "behavior") == "DROP_CASCADE", missingOk = flag(cmd, "missing_ok");
  const Json &def = at(cmd, "def");
  if (kNoSchemaEffect.count(sub)) return;
  if (sub == "AT_AddColumn") return addColumn(table, at(def, "ColumnDef"), missingOk, s);
  if (sub == "AT_DropColumn") return dropColumn(table, name, cascade, missingOk, s);
  if (sub == "AT_AlterColumnType") return alterColumnType(table, name, at(def, "ColumnDef"), s);
  if (sub == "AT_AddConstraint")
    return addConstraint(table, at(def, "Constraint"), "", ConstraintContext::AlterTable, s);
  if (sub == "AT_DropConstraint") return dropConstraint(table, name, cascade, missingOk, s);
  if (sub == "AT_AlterConstraint") return alterConstraint(s.table(table), at(def, "Constraint"));
  Table &t = s.table(table);
  if (sub == "AT_ValidateConstraint") {
    for (auto &fk : t.foreignKeys)
      if (fk.name == name) {
        fk.notValid = false;
        return;
      }
    if (validateCheck(t, name, s)) return;
    reject("constraint \"" + name + "\" of relation \"" + table + "\" does not exist");
  }
  static const std::set<std::string> kColumnCommands = {"AT_ColumnDefault", "AT_SetNotNull", "AT_DropNotNull",
                                                        "AT_AddIdentity", "AT_DropIdentity"};
  if (!kColumnCommands.count(sub)) refuse("ALTER TABLE … " + sub.substr(3));
  Column &c = columnOf(t, name);
  if (sub == "AT_ColumnDefault") {
    if (def.is_null()) {
      c.defaultValue = ColumnDefault{}; // a serial column's nextval goes, and with it autoincrement
      return;
    }
    if (c.autoincrement)
      reject("column \"" + c.name + "\" of relation \"" + table + "\" is an identity column");
    c.defaultValue = readDefault(def, c, s);
  } else if (sub == "AT_SetNotNull") {
    c.nullable = false;
  } else if (sub == "AT_DropNotNull") {
    if (t.isPrimaryKey(c.name)) reject("column \"" + c.name + "\" is in a primary key");
    if (c.autoincrement)
      reject("column \"" + c.name + "\" of relation \"" + table + "\" is an identity column");
    c.nullable = true;
  } else if (sub == "AT_AddIdentity") {
    if (c.autoincrement)
      reject("column \"" + c.name + "\" of relation \"" + table + "\" is already an identity column");
    if (c.nullable)
      reject("column \"" + c.name + "\" of relation \"" + table +
             "\" must be declared NOT NULL before identity can be added");
    if (c.defaultValue.present())
      reject("column \"" + c.name + "\" of relation \"" + table + "\" already has a default value");
    c.autoincrement = true;
    c.identity = readIdentity(at(def, "Constraint"), s);
    s.ownedSequences.push_back({table, c.name, s.chooseRelationName(table, {c.name}, "seq", false)});
  } else if (sub == "AT_DropIdentity") {
    if (!c.autoincrement) {
      if (missingOk) return;
      reject("column \"" + c.name + "\" of relation \"" + table + "\" is not an identity column");
    }
    c.autoincrement = false;
    c.identity = {};
    auto &q = s.ownedSequences;
    q.erase(std::remove_if(
                q.begin(), q.end(),
                [&](const ReplayState::OwnedSequence &o) { return o.table == table && o.column == name; }),
            q.end());
  }
}

void renameRelation(const std::string &from, const std::string &to, bool missingOk, ReplayState &s) {
  if (s.relationExists(to)) reject("relation \"" + to + "\" already exists");
  if (Table *t = s.findTable(from)) {
    t->name = to;
    s.retargetTable(from, to);
    return;
  }
  for (auto &t : s.schema.tables) {
    // A constraint's index is renamed with its constraint, and the other way round.
    if (!t.primaryKey.empty() && t.primaryKeyName == from) {
      t.primaryKeyName = to;
      return;
    }
    for (auto &u : t.uniques)
      if (u.name == from) {
        u.name = to;
        return;
      }
    for (auto &i : t.indexes)
      if (i.name == from) {
        i.name = to;
        s.renameUnmanaged("index", from, "", to);
        return;
      }
  }
  for (const UnmanagedKind &k : unmanagedKinds()) {
    if (!k.relation) continue;
    const char *kind = k.name;
    if (UnmanagedObject *u = s.unmanaged(kind, from)) {
      const std::string table = u->table;
      s.renameUnmanaged(kind, from, table, to);
      // What lives on it (indexes, triggers, a partition's children) follows the new name.
      if (std::string(kind) == "partition" || std::string(kind) == "view" ||
          std::string(kind) == "materialized_view")
        s.retargetTable(from, to);
      return;
    }
  }
  for (auto &q : s.ownedSequences)
    if (q.name == from) {
      q.name = to;
      return;
    }
  if (s.otherRelations.erase(from)) {
    s.otherRelations.insert(to);
    return;
  }
  if (!missingOk) reject("relation \"" + from + "\" does not exist");
}

void renameColumn(const std::string &table, const std::string &from, const std::string &to, bool missingOk,
                  ReplayState &s) {
  Table *t = s.findTable(table);
  if (!t) {
    if (s.unmanaged("partition", table)) reject("cannot rename inherited column \"" + from + "\"");
    if (s.unmanaged("view", table) || s.unmanaged("materialized_view", table) || missingOk) return;
    reject("relation \"" + table + "\" does not exist");
  }
  Column &c = columnOf(*t, from);
  if (t->column(to)) reject("column \"" + to + "\" of relation \"" + table + "\" already exists");
  c.name = to;
  renameColumnInChecks(*t, from, to);
  auto swap = [&](std::vector<std::string> &cols) { std::replace(cols.begin(), cols.end(), from, to); };
  swap(t->primaryKey);
  for (auto &u : t->uniques)
    swap(u.columns);
  for (auto &i : t->indexes)
    if (s.unmanaged("index", i.name))
      swap(i.columns);
    else
      renameIndexColumn(i, from, to);
  for (auto &other : s.schema.tables)
    for (auto &fk : other.foreignKeys) {
      if (other.name == table) swap(fk.columns);
      if (fk.refTable == table) swap(fk.refColumns);
    }
  auto key = s.partitionKeys.find(table);
  if (key != s.partitionKeys.end()) swap(key->second.columns);
  for (auto &u : s.schema.unmanaged)
    if (u.table == table) {
      auto &cols = s.depsOf(u).columns;
      if (cols.erase(from)) cols.insert(to);
    }
  for (auto &q : s.ownedSequences)
    if (q.table == table && q.column == from) q.column = to;
}

void renameConstraint(const std::string &table, const std::string &from, const std::string &to,
                      ReplayState &s) {
  if (!s.findTable(table) && s.unmanaged("partition", table))
    refuse("ALTER TABLE … RENAME CONSTRAINT on a partition");
  Table &t = s.table(table);
  auto indexBacked = [&]() {
    if (s.relationExists(to)) reject("relation \"" + to + "\" already exists");
  };
  if (!t.primaryKey.empty() && t.primaryKeyName == from) {
    indexBacked();
    t.primaryKeyName = to;
    return;
  }
  for (auto &u : t.uniques)
    if (u.name == from) {
      indexBacked();
      u.name = to;
      return;
    }
  for (auto &fk : t.foreignKeys)
    if (fk.name == from) {
      fk.name = to;
      return;
    }
  if (s.unmanaged("exclude_constraint", from, table)) {
    indexBacked();
    s.renameUnmanaged("exclude_constraint", from, table, to);
    return;
  }
  if (s.unmanaged("check_constraint", from, table)) {
    s.renameUnmanaged("check_constraint", from, table, to);
    return;
  }
  if (renameCheck(t, from, to)) return;
  reject("constraint \"" + from + "\" for table \"" + table + "\" does not exist");
}

void renameType(const std::string &from, const std::string &to, bool missingOk, ReplayState &s) {
  bool found = false;
  for (auto &e : s.schema.enums)
    if (e.name == to) reject("type \"" + to + "\" already exists");
  for (auto &e : s.schema.enums)
    if (e.name == from) {
      e.name = to;
      found = true;
    }
  if (s.unmanaged("domain", from)) {
    s.renameUnmanaged("domain", from, "", to);
    found = true;
  }
  if (s.invisibleTypes.erase(from)) {
    s.invisibleTypes.insert(to);
    found = true;
  }
  if (!found) {
    if (missingOk) return;
    reject("type \"" + from + "\" does not exist");
  }
  const std::string was = quoteIfNeeded(from), now = quoteIfNeeded(to);
  for (auto &t : s.schema.tables)
    for (auto &c : t.columns) {
      if (c.type.kind == TypeKind::Enum && c.type.enumName == from) {
        c.type.enumName = to;
        c.dbType = to;
      } else if (c.dbType == was || c.dbType == was + "[]") {
        c.dbType = now + c.dbType.substr(was.size());
        c.type = modelTypeOf(c.dbType);
      }
    }
}
} // namespace

void alterTable(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "relation");
  if (!isOwnSchema(str(rel, "schemaname"))) return;
  const std::string name = str(rel, "relname"), objtype = str(stmt, "objtype");
  const Json &cmds = at(stmt, "cmds");
  auto each = [&](auto &&f) {
    for (const auto &item : cmds)
      f(at(item, "AlterTableCmd"), str(at(item, "AlterTableCmd"), "subtype"));
  };
  if (objtype == "OBJECT_TABLE") {
    each([&](const Json &, const std::string &sub) {
      if (sub == "AT_AttachPartition" || sub == "AT_DetachPartition" || sub == "AT_AddInherit" ||
          sub == "AT_DropInherit" || sub == "AT_AddOf" || sub == "AT_DropOf")
        refuse("ALTER TABLE … " + sub.substr(3) + " (a change of partition or inheritance)");
    });
    if (!s.findTable(name)) {
      if (s.unmanaged("partition", name)) return alterPartition(name, cmds, s);
      if (flag(stmt, "missing_ok")) return;
      reject("relation \"" + name + "\" does not exist");
    }
    each([&](const Json &cmd, const std::string &) { alterCommand(name, cmd, s); });
  } else if (objtype == "OBJECT_INDEX") {
    each([&](const Json &, const std::string &sub) {
      if (sub == "AT_SetRelOptions" || sub == "AT_ResetRelOptions")
        refuse("ALTER INDEX … SET/RESET (storage parameters make an index one tether leaves unmanaged)");
      if (sub != "AT_SetTableSpace" && sub != "AT_AttachPartition" && sub != "AT_SetStatistics")
        refuse("ALTER INDEX … " + sub.substr(3));
    });
  } else if (objtype != "OBJECT_VIEW" && objtype != "OBJECT_MATVIEW" && objtype != "OBJECT_SEQUENCE" &&
             objtype != "OBJECT_FOREIGN_TABLE" && objtype != "OBJECT_TYPE") {
    refuse("ALTER " + objtype.substr(7));
  }
}

void renameObject(const Json &stmt, ReplayState &s) {
  const std::string type = str(stmt, "renameType"), to = str(stmt, "newname"), sub = str(stmt, "subname");
  const bool missingOk = flag(stmt, "missing_ok");
  const Json &rel = at(stmt, "relation");
  if (rel.is_object() && !isOwnSchema(str(rel, "schemaname"))) return;
  const std::string relname = str(rel, "relname");
  if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
      type == "OBJECT_SEQUENCE" || type == "OBJECT_INDEX" || type == "OBJECT_FOREIGN_TABLE")
    return renameRelation(relname, to, missingOk, s);
  if (type == "OBJECT_COLUMN") return renameColumn(relname, sub, to, missingOk, s);
  if (type == "OBJECT_TABCONSTRAINT") return renameConstraint(relname, sub, to, s);
  if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
    std::vector<std::string> names = strings(at(at(at(stmt, "object"), "List"), "items"));
    if (names.empty()) names = strings(at(stmt, "object"));
    if (names.empty()) refuse("ALTER TYPE … RENAME of a type libpg_query gives no name for");
    if (names.size() > 1 && !isOwnSchema(names[names.size() - 2])) return;
    return renameType(names.back(), to, missingOk, s);
  }
  if (type == "OBJECT_TRIGGER") {
    if (!s.unmanaged("trigger", sub, relname)) {
      if (s.unmanaged("partition", relname)) return;
      reject("trigger \"" + sub + "\" for table \"" + relname + "\" does not exist");
    }
    return s.renameUnmanaged("trigger", sub, relname, to);
  }
  if (type == "OBJECT_DOMCONSTRAINT") {
    if (s.otherConstraints.erase(sub)) s.otherConstraints.insert(to);
    return;
  }
  static const std::set<std::string> kElsewhere = {"OBJECT_ROLE",
                                                   "OBJECT_DATABASE",
                                                   "OBJECT_TABLESPACE",
                                                   "OBJECT_POLICY",
                                                   "OBJECT_RULE",
                                                   "OBJECT_PUBLICATION",
                                                   "OBJECT_SUBSCRIPTION",
                                                   "OBJECT_EVENT_TRIGGER",
                                                   "OBJECT_STATISTIC_EXT",
                                                   "OBJECT_COLLATION",
                                                   "OBJECT_CONVERSION",
                                                   "OBJECT_FDW",
                                                   "OBJECT_FOREIGN_SERVER",
                                                   "OBJECT_LANGUAGE",
                                                   "OBJECT_OPCLASS",
                                                   "OBJECT_OPFAMILY",
                                                   "OBJECT_TSCONFIGURATION",
                                                   "OBJECT_TSDICTIONARY",
                                                   "OBJECT_TSPARSER",
                                                   "OBJECT_TSTEMPLATE",
                                                   "OBJECT_ATTRIBUTE",
                                                   "OBJECT_AGGREGATE"};
  if (kElsewhere.count(type)) return;
  refuse("ALTER " + type.substr(7) + " … RENAME");
}

} // namespace tether::pg::replay
