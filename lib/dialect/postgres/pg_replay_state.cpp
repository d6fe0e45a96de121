#include "dialect/postgres/pg_replay_state.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_replay_kinds.h"
#include <algorithm>
#include <cctype>

namespace tether::pg::replay {

void refuse(const std::string &why) {
  throw Refusal(why);
}
void reject(const std::string &why) {
  throw Rejection(why);
}

namespace {
std::string depsKey(const std::string &kind, const std::string &table, const std::string &name) {
  return kind + ":" + table + ":" + name;
}
} // namespace

Table *ReplayState::findTable(const std::string &name) {
  return schema.table(name);
}

Table &ReplayState::table(const std::string &name) {
  Table *t = findTable(name);
  if (!t) reject("relation \"" + name + "\" does not exist");
  return *t;
}

UnmanagedObject *ReplayState::unmanaged(const std::string &kind, const std::string &name,
                                        const std::string &table) {
  for (auto &u : schema.unmanaged)
    if (u.kind == kind && u.name == name && (table.empty() || u.table == table)) return &u;
  return nullptr;
}

void ReplayState::addUnmanaged(UnmanagedObject u, Dependencies d) {
  deps_[depsKey(u.kind, u.table, u.name)] = std::move(d);
  schema.unmanaged.push_back(std::move(u));
}

void ReplayState::listStatement(const std::string &kind, const std::string &name, const std::string &table,
                                Dependencies d) {
  UnmanagedObject u;
  u.kind = kind;
  u.name = name;
  u.table = table;
  u.definition = statement;
  addUnmanaged(std::move(u), std::move(d));
}

void ReplayState::removeUnmanaged(const std::string &kind, const std::string &name,
                                  const std::string &table) {
  auto &v = schema.unmanaged;
  for (auto it = v.begin(); it != v.end(); ++it)
    if (it->kind == kind && it->name == name && (table.empty() || it->table == table)) {
      deps_.erase(depsKey(it->kind, it->table, it->name));
      v.erase(it);
      return;
    }
}

Dependencies &ReplayState::depsOf(const UnmanagedObject &u) {
  return deps_[depsKey(u.kind, u.table, u.name)];
}

void ReplayState::renameUnmanaged(const std::string &kind, const std::string &name, const std::string &table,
                                  const std::string &newName) {
  UnmanagedObject *u = unmanaged(kind, name, table);
  if (!u) return;
  Dependencies d = deps_[depsKey(u->kind, u->table, u->name)];
  deps_.erase(depsKey(u->kind, u->table, u->name));
  u->name = newName;
  deps_[depsKey(u->kind, u->table, u->name)] = d;
  for (auto &[key, dep] : deps_)
    if (dep.relations.erase(name)) dep.relations.insert(newName);
}

void ReplayState::retargetTable(const std::string &from, const std::string &to) {
  for (auto &t : schema.tables)
    for (auto &fk : t.foreignKeys)
      if (fk.refTable == from) fk.refTable = to;
  std::map<std::string, Dependencies> rekeyed;
  for (auto &u : schema.unmanaged) {
    Dependencies d = deps_[depsKey(u.kind, u.table, u.name)];
    if (u.table == from) u.table = to;
    if (d.relations.erase(from)) d.relations.insert(to);
    rekeyed[depsKey(u.kind, u.table, u.name)] = d;
  }
  deps_ = rekeyed;
  auto key = partitionKeys.find(from);
  if (key != partitionKeys.end()) {
    PartitionKey k = key->second;
    partitionKeys.erase(key);
    partitionKeys[to] = k;
  }
  for (auto &q : ownedSequences)
    if (q.table == from) q.table = to;
}

std::vector<std::string> ReplayState::viewsReading(const std::string &relation) const {
  std::vector<std::string> out;
  for (const auto &u : schema.unmanaged) {
    if (u.kind != "view" && u.kind != "materialized_view") continue;
    auto it = deps_.find(depsKey(u.kind, u.table, u.name));
    if (it != deps_.end() && it->second.relations.count(relation)) out.push_back(u.name);
  }
  return out;
}

bool ReplayState::relationExists(const std::string &name) const {
  if (otherRelations.count(name)) return true;
  for (const auto &t : schema.tables) {
    if (t.name == name || (!t.primaryKey.empty() && t.primaryKeyName == name)) return true;
    for (const auto &u : t.uniques)
      if (u.name == name) return true;
    for (const auto &i : t.indexes)
      if (i.name == name) return true;
  }
  for (const auto &u : schema.unmanaged)
    if (isRelationKind(u.kind) && u.name == name) return true;
  for (const auto &s : ownedSequences)
    if (s.name == name) return true;
  return false;
}

bool ReplayState::constraintExists(const std::string &name) const {
  if (otherConstraints.count(name)) return true;
  for (const auto &t : schema.tables) {
    if (!t.primaryKey.empty() && t.primaryKeyName == name) return true;
    for (const auto &u : t.uniques)
      if (u.name == name) return true;
    for (const auto &f : t.foreignKeys)
      if (f.name == name) return true;
    for (const auto &c : t.checks)
      if (c.name == name) return true;
  }
  for (const auto &u : schema.unmanaged)
    if (isConstraintKind(u.kind) && u.name == name) return true;
  return false;
}

std::string ReplayState::chooseRelationName(const std::string &name1, const std::vector<std::string> &name2,
                                            const std::string &label, bool isConstraint) const {
  for (int pass = 0;; ++pass) {
    std::string name = defaultConstraintName(name1, name2, pass ? label + std::to_string(pass) : label);
    if (!relationExists(name) && (!isConstraint || !constraintExists(name))) return name;
  }
}

std::string ReplayState::chooseConstraintName(const std::string &name1, const std::vector<std::string> &name2,
                                              const std::string &label) const {
  for (int pass = 0;; ++pass) {
    std::string name = defaultConstraintName(name1, name2, pass ? label + std::to_string(pass) : label);
    if (!constraintExists(name)) return name;
  }
}

bool isOwnSchema(const std::string &schemaname) {
  return schemaname.empty() || schemaname == "public";
}

std::string quoteIfNeeded(const std::string &ident) {
  // Keywords quote_ident() quotes (every category but unreserved) that can name a column or type.
  static const std::set<std::string> kKeywords = {"all",
                                                  "analyse",
                                                  "analyze",
                                                  "and",
                                                  "any",
                                                  "array",
                                                  "as",
                                                  "asc",
                                                  "asymmetric",
                                                  "authorization",
                                                  "between",
                                                  "bigint",
                                                  "binary",
                                                  "bit",
                                                  "boolean",
                                                  "both",
                                                  "case",
                                                  "cast",
                                                  "char",
                                                  "character",
                                                  "check",
                                                  "coalesce",
                                                  "collate",
                                                  "collation",
                                                  "column",
                                                  "concurrently",
                                                  "constraint",
                                                  "create",
                                                  "cross",
                                                  "current_catalog",
                                                  "current_date",
                                                  "current_role",
                                                  "current_schema",
                                                  "current_time",
                                                  "current_timestamp",
                                                  "current_user",
                                                  "dec",
                                                  "decimal",
                                                  "default",
                                                  "deferrable",
                                                  "desc",
                                                  "distinct",
                                                  "do",
                                                  "else",
                                                  "end",
                                                  "except",
                                                  "exists",
                                                  "extract",
                                                  "false",
                                                  "fetch",
                                                  "float",
                                                  "for",
                                                  "foreign",
                                                  "freeze",
                                                  "from",
                                                  "full",
                                                  "grant",
                                                  "greatest",
                                                  "group",
                                                  "grouping",
                                                  "having",
                                                  "ilike",
                                                  "in",
                                                  "initially",
                                                  "inner",
                                                  "inout",
                                                  "int",
                                                  "integer",
                                                  "intersect",
                                                  "interval",
                                                  "into",
                                                  "is",
                                                  "isnull",
                                                  "join",
                                                  "lateral",
                                                  "leading",
                                                  "least",
                                                  "left",
                                                  "like",
                                                  "limit",
                                                  "localtime",
                                                  "localtimestamp",
                                                  "national",
                                                  "natural",
                                                  "nchar",
                                                  "none",
                                                  "normalize",
                                                  "not",
                                                  "notnull",
                                                  "null",
                                                  "nullif",
                                                  "numeric",
                                                  "offset",
                                                  "on",
                                                  "only",
                                                  "or",
                                                  "order",
                                                  "out",
                                                  "outer",
                                                  "overlaps",
                                                  "overlay",
                                                  "placing",
                                                  "position",
                                                  "precision",
                                                  "primary",
                                                  "real",
                                                  "references",
                                                  "returning",
                                                  "right",
                                                  "row",
                                                  "select",
                                                  "session_user",
                                                  "setof",
                                                  "similar",
                                                  "smallint",
                                                  "some",
                                                  "substring",
                                                  "symmetric",
                                                  "table",
                                                  "tablesample",
                                                  "then",
                                                  "time",
                                                  "timestamp",
                                                  "to",
                                                  "trailing",
                                                  "treat",
                                                  "trim",
                                                  "true",
                                                  "union",
                                                  "unique",
                                                  "user",
                                                  "using",
                                                  "values",
                                                  "varchar",
                                                  "variadic",
                                                  "verbose",
                                                  "when",
                                                  "where",
                                                  "window",
                                                  "with",
                                                  "xmlattributes",
                                                  "xmlconcat",
                                                  "xmlelement",
                                                  "xmlexists",
                                                  "xmlforest",
                                                  "xmlnamespaces",
                                                  "xmlparse",
                                                  "xmlpi",
                                                  "xmlroot",
                                                  "xmlserialize",
                                                  "xmltable"};
  bool plain = !ident.empty() && (std::islower(static_cast<unsigned char>(ident[0])) || ident[0] == '_');
  for (char c : ident)
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_'))
      plain = false;
  return plain && !kKeywords.count(ident) ? ident : quoteIdent(ident);
}

} // namespace tether::pg::replay
