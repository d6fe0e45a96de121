#include "dialect/postgres/pg_replay_drop.h"
#include "dialect/postgres/pg_replay_kinds.h"
#include "dialect/postgres/pg_replay_objects.h"
#include "dialect/postgres/pg_replay_table.h"
#include <algorithm>

namespace tether::pg::replay {

namespace {
struct Drop {
  bool cascade = false;
  bool missingOk = false;
};

void dropRelation(const std::string &name, const Drop &how, ReplayState &s);

void dropReaders(const std::string &name, const Drop &how, ReplayState &s) {
  for (const auto &view : s.viewsReading(name)) {
    if (!how.cascade)
      reject("cannot drop " + name + " because view " + view + " depends on it (use CASCADE)");
    dropRelation(view, how, s);
  }
}

// Everything that lives inside a table or view: its indexes, constraints, triggers, partitions.
void dropContents(const std::string &name, const Drop &how, ReplayState &s) {
  std::vector<UnmanagedObject> inside;
  for (const auto &u : s.schema.unmanaged)
    if (u.table == name) inside.push_back(u);
  for (const auto &u : inside) {
    if (u.kind == "partition") {
      dropContents(u.name, how, s);
    }
    s.removeUnmanaged(u.kind, u.name, u.table);
  }
  auto &q = s.ownedSequences;
  q.erase(std::remove_if(q.begin(), q.end(),
                         [&](const ReplayState::OwnedSequence &o) { return o.table == name; }),
          q.end());
  s.partitionKeys.erase(name);
}

void dropTable(const std::string &name, const Drop &how, ReplayState &s) {
  dropReaders(name, how, s);
  for (auto &t : s.schema.tables) {
    if (t.name == name) continue;
    auto &fks = t.foreignKeys;
    for (auto it = fks.begin(); it != fks.end();) {
      if (it->refTable != name) {
        ++it;
        continue;
      }
      if (!how.cascade)
        reject("cannot drop table " + name + " because constraint " + it->name + " on table " + t.name +
               " depends on it (use CASCADE)");
      it = fks.erase(it);
    }
  }
  dropContents(name, how, s);
  auto &tables = s.schema.tables;
  tables.erase(std::remove_if(tables.begin(), tables.end(), [&](const Table &t) { return t.name == name; }),
               tables.end());
}

void dropIndex(const std::string &name, const Drop &how, ReplayState &s) {
  for (auto &t : s.schema.tables) {
    if ((!t.primaryKey.empty() && t.primaryKeyName == name) ||
        std::any_of(t.uniques.begin(), t.uniques.end(),
                    [&](const UniqueConstraint &u) { return u.name == name; }))
      reject("cannot drop index " + name + " because constraint " + name + " on table " + t.name +
             " requires it");
    auto it =
        std::find_if(t.indexes.begin(), t.indexes.end(), [&](const Index &i) { return i.name == name; });
    if (it != t.indexes.end()) {
      t.indexes.erase(it);
      s.removeUnmanaged("index", name);
      return;
    }
  }
  for (const UnmanagedKind &k : unmanagedKinds())
    if (isIndexBackedKind(k.name) && s.unmanaged(k.name, name))
      reject("cannot drop index " + name + " because constraint " + name + " requires it");
  if (s.unmanaged("index", name)) return s.removeUnmanaged("index", name); // a partition's own
  if (s.otherRelations.erase(name)) return;
  if (!how.missingOk) reject("index \"" + name + "\" does not exist");
}

void dropRelation(const std::string &name, const Drop &how, ReplayState &s) {
  if (s.findTable(name)) return dropTable(name, how, s);
  if (s.unmanaged("partition", name)) {
    dropContents(name, how, s);
    s.removeUnmanaged("partition", name);
    return;
  }
  for (const char *kind : {"view", "materialized_view"})
    if (s.unmanaged(kind, name)) {
      dropReaders(name, how, s);
      dropContents(name, how, s);
      s.removeUnmanaged(kind, name);
      return;
    }
  if (s.unmanaged("sequence", name)) {
    s.removeUnmanaged("sequence", name);
    return;
  }
  auto &q = s.ownedSequences;
  auto owned =
      std::find_if(q.begin(), q.end(), [&](const ReplayState::OwnedSequence &o) { return o.name == name; });
  if (owned != q.end()) {
    // A serial's sequence: its column's nextval() default depends on it.
    Table *t = s.findTable(owned->table);
    Column *c = t ? t->column(owned->column) : nullptr;
    if (c && c->defaultValue.kind == ColumnDefault::Kind::Sql &&
        c->defaultValue.value.find("'" + name + "'") != std::string::npos) {
      if (!how.cascade) reject("cannot drop sequence " + name + " because a column default depends on it");
      c->defaultValue = ColumnDefault{};
    }
    q.erase(owned);
    return;
  }
  if (s.otherRelations.erase(name)) return;
  if (!how.missingOk) reject("relation \"" + name + "\" does not exist");
}

void dropType(const std::string &name, const Drop &how, ReplayState &s) {
  auto &enums = s.schema.enums;
  auto e = std::find_if(enums.begin(), enums.end(), [&](const EnumTypeDef &x) { return x.name == name; });
  const bool isDomain = s.unmanaged("domain", name) != nullptr, invisible = s.invisibleTypes.count(name) > 0;
  if (e == enums.end() && !isDomain && !invisible) {
    if (how.missingOk) return;
    reject("type \"" + name + "\" does not exist");
  }
  const std::string spelled = quoteIfNeeded(name);
  std::vector<std::pair<std::string, std::string>> users;
  for (const auto &t : s.schema.tables)
    for (const auto &c : t.columns)
      if ((c.type.kind == TypeKind::Enum && c.type.enumName == name) || c.dbType == spelled ||
          c.dbType == spelled + "[]")
        users.push_back({t.name, c.name});
  for (const auto &[table, column] : users) {
    if (!how.cascade)
      reject("cannot drop type " + name + " because column " + table + "." + column +
             " depends on it (use CASCADE)");
    dropColumn(table, column, true, false, s);
  }
  if (e != enums.end())
    enums.erase(
        std::find_if(enums.begin(), enums.end(), [&](const EnumTypeDef &x) { return x.name == name; }));
  if (isDomain) s.removeUnmanaged("domain", name);
  s.invisibleTypes.erase(name);
}

void dropFunction(const Json &owa, bool procedure, const Drop &how, ReplayState &s) {
  auto names = strings(at(owa, "objname"));
  if (names.empty()) refuse("DROP FUNCTION of a function libpg_query gives no name for");
  if (names.size() > 1 && !isOwnSchema(names[names.size() - 2])) return;
  const std::string bare = names.back();
  std::vector<UnmanagedObject> matches;
  for (const auto &u : s.schema.unmanaged)
    if ((u.kind == "function" || u.kind == "procedure") &&
        u.name.compare(0, bare.size() + 1, bare + "(") == 0)
      matches.push_back(u);
  if (!flag(owa, "args_unspecified")) {
    const std::string sig = functionSignature(bare, at(owa, "objfuncargs"), procedure, s, true);
    matches.erase(std::remove_if(matches.begin(), matches.end(),
                                 [&](const UnmanagedObject &u) { return s.depsOf(u).function != sig; }),
                  matches.end());
  }
  if (matches.empty()) {
    if (how.missingOk) return;
    reject("function " + bare + " does not exist");
  }
  if (matches.size() > 1) reject("function name \"" + bare + "\" is not unique");
  std::vector<UnmanagedObject> triggers;
  for (const auto &u : s.schema.unmanaged)
    if (u.kind == "trigger" && s.depsOf(u).function == bare) triggers.push_back(u);
  for (const auto &t : triggers) {
    if (!how.cascade)
      reject("cannot drop function " + matches[0].name + " because trigger " + t.name + " on table " +
             t.table + " depends on it (use CASCADE)");
    s.removeUnmanaged("trigger", t.name, t.table);
  }
  s.removeUnmanaged(matches[0].kind, matches[0].name);
  bool more =
      std::any_of(s.schema.unmanaged.begin(), s.schema.unmanaged.end(), [&](const UnmanagedObject &u) {
        return (u.kind == "function" || u.kind == "procedure") &&
               u.name.compare(0, bare.size() + 1, bare + "(") == 0;
      });
  if (!more) s.userFunctions.erase(bare);
}
} // namespace

void dropObjects(const Json &stmt, ReplayState &s) {
  const std::string type = str(stmt, "removeType");
  Drop how;
  how.cascade = str(stmt, "behavior") == "DROP_CASCADE";
  how.missingOk = flag(stmt, "missing_ok");
  if (flag(stmt, "concurrent") && s.transactional)
    reject("DROP INDEX CONCURRENTLY cannot run inside a transaction block (mark the file -- "
           "tether:no-transaction)");
  static const std::set<std::string> kElsewhere = {
      "OBJECT_AGGREGATE",     "OBJECT_CAST",          "OBJECT_COLLATION",
      "OBJECT_CONVERSION",    "OBJECT_OPERATOR",      "OBJECT_OPCLASS",
      "OBJECT_OPFAMILY",      "OBJECT_STATISTIC_EXT", "OBJECT_TSCONFIGURATION",
      "OBJECT_TSDICTIONARY",  "OBJECT_TSPARSER",      "OBJECT_TSTEMPLATE",
      "OBJECT_LANGUAGE",      "OBJECT_PUBLICATION",   "OBJECT_ACCESS_METHOD",
      "OBJECT_EVENT_TRIGGER", "OBJECT_FDW",           "OBJECT_FOREIGN_SERVER",
      "OBJECT_TRANSFORM",     "OBJECT_POLICY",        "OBJECT_RULE"};
  if (kElsewhere.count(type)) return;
  for (const auto &obj : at(stmt, "objects")) {
    auto [kind, body] = node(obj);
    if (type == "OBJECT_FUNCTION" || type == "OBJECT_PROCEDURE" || type == "OBJECT_ROUTINE") {
      dropFunction(*body, type == "OBJECT_PROCEDURE", how, s);
      continue;
    }
    std::vector<std::string> names;
    if (kind == "List")
      names = strings(at(*body, "items"));
    else if (kind == "TypeName")
      names = strings(at(*body, "names"));
    else if (kind == "String")
      names = {str(*body, "sval")};
    if (names.empty()) refuse("DROP of an object libpg_query gives no name for");
    if (type == "OBJECT_TRIGGER") {
      if (names.size() < 2) refuse("DROP TRIGGER without its table");
      if (names.size() > 2 && !isOwnSchema(names[names.size() - 3])) continue;
      const std::string table = names[names.size() - 2];
      if (s.unmanaged("trigger", names.back(), table))
        s.removeUnmanaged("trigger", names.back(), table);
      else if (!how.missingOk && !s.unmanaged("partition", table))
        reject("trigger \"" + names.back() + "\" for table \"" + table + "\" does not exist");
      continue;
    }
    if (type == "OBJECT_EXTENSION") {
      if (how.cascade)
        refuse("DROP EXTENSION … CASCADE (what the extension's objects take along is not modelled)");
      if (s.unmanaged("extension", names.back()))
        s.removeUnmanaged("extension", names.back());
      else if (!how.missingOk)
        reject("extension \"" + names.back() + "\" does not exist");
      continue;
    }
    if (type == "OBJECT_SCHEMA") {
      if (isOwnSchema(names.back())) refuse("DROP SCHEMA public");
      // Another schema's objects are not introspected, but the schema must exist.
      if (!s.schemas.erase(names.back()) && !how.missingOk)
        reject("schema \"" + names.back() + "\" does not exist");
      continue;
    }
    if (names.size() > 1 && !isOwnSchema(names[names.size() - 2])) continue;
    const std::string name = names.back();
    if (type == "OBJECT_TYPE" || type == "OBJECT_DOMAIN") {
      dropType(name, how, s);
    } else if (type == "OBJECT_INDEX") {
      dropIndex(name, how, s);
    } else if (type == "OBJECT_TABLE" || type == "OBJECT_VIEW" || type == "OBJECT_MATVIEW" ||
               type == "OBJECT_SEQUENCE" || type == "OBJECT_FOREIGN_TABLE") {
      dropRelation(name, how, s);
    } else {
      refuse("DROP " + type.substr(7));
    }
  }
}

} // namespace tether::pg::replay
