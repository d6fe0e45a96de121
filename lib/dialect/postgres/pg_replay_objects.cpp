#include "dialect/postgres/pg_replay_objects.h"
#include "core/strings.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_replay_expr.h"
#include "dialect/postgres/pg_replay_index.h"
#include "dialect/postgres/pg_replay_partition.h"
#include "dialect/postgres/pg_replay_sequence.h"
#include <algorithm>
#include <optional>

namespace tether::pg::replay {

namespace {
// The column name PostgreSQL derives from an index expression (FigureColname), for the index's
// generated name; "" when the replay does not know it.
std::string expressionName(const Json &expr) {
  auto [kind, body] = node(expr);
  if (kind == "FuncCall") {
    auto n = strings(at(*body, "funcname"));
    return n.empty() ? "" : n.back();
  }
  if (kind == "ColumnRef") {
    auto n = strings(at(*body, "fields"));
    return n.empty() ? "" : n.back();
  }
  if (kind == "TypeCast") {
    std::string inner = expressionName(at(*body, "arg"));
    if (!inner.empty()) return inner;
    auto n = strings(at(at(*body, "typeName"), "names"));
    return n.empty() ? "" : n.back();
  }
  return "";
}

bool typeNameTaken(const std::string &name, ReplayState &s) {
  for (const auto &e : s.schema.enums)
    if (e.name == name) return true;
  // Every table and view has a row type of its name.
  return s.unmanaged("domain", name) || s.invisibleTypes.count(name) || s.findTable(name) ||
         s.unmanaged("view", name) || s.unmanaged("materialized_view", name) ||
         s.unmanaged("partition", name) || s.otherRelations.count(name);
}

std::vector<std::string> qualifiedName(const Json &list) {
  std::vector<std::string> names = strings(list);
  if (names.empty()) refuse("an object libpg_query gives no name for");
  return names;
}

bool ownName(const std::vector<std::string> &names) {
  return names.size() < 2 || isOwnSchema(names[names.size() - 2]);
}
} // namespace

void createIndex(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "relation");
  if (!isOwnSchema(str(rel, "schemaname"))) return;
  const std::string table = str(rel, "relname");
  std::string name = str(stmt, "idxname");
  if (flag(stmt, "concurrent") && s.transactional)
    reject("CREATE INDEX CONCURRENTLY cannot run inside a transaction block (mark the file -- "
           "tether:no-transaction)");
  std::vector<std::string> colnames;
  std::set<std::string> refs;
  for (const auto &p : at(stmt, "indexParams")) {
    const Json &e = at(p, "IndexElem");
    std::string col = str(e, "name");
    if (!col.empty()) {
      colnames.push_back(col);
      refs.insert(col);
    } else {
      std::string figured = expressionName(at(e, "expr"));
      if (figured.empty() && name.empty())
        refuse("an unnamed index on an expression PostgreSQL names \"expr\"");
      colnames.push_back(figured.empty() ? "expr" : figured);
      columnRefs(at(e, "expr"), refs);
    }
  }
  for (const auto &p : at(stmt, "indexIncludingParams")) {
    colnames.push_back(str(at(p, "IndexElem"), "name"));
    refs.insert(colnames.back()); // a dropped INCLUDE column takes the index along too
  }
  columnRefs(at(stmt, "whereClause"), refs);
  Table *t = s.findTable(table);
  if (!t) {
    // An index of a partition or a materialized view: kept unmanaged on it, as introspection keeps it.
    if (!s.unmanaged("partition", table) && !s.unmanaged("materialized_view", table))
      reject("relation \"" + table + "\" does not exist");
    if (name.empty()) refuse("an unnamed index on a partition or materialized view");
    if (s.relationExists(name)) {
      if (flag(stmt, "if_not_exists")) return;
      reject("relation \"" + name + "\" already exists");
    }
    s.listStatement("index", name, table);
    return;
  }
  if (s.partitionKeys.count(table)) requireNoPartitionIndexes(table, s);
  if (!flag(rel, "inh") && s.partitionKeys.count(table))
    refuse("CREATE INDEX ON ONLY a partitioned table (invalid until its partitions' indexes attach)");
  // Repeated column names get a number, as ChooseIndexColumnNames does.
  for (size_t i = 0; i < colnames.size(); ++i) {
    const auto before = colnames.begin() + static_cast<long>(i);
    std::string name = colnames[i];
    for (int n = 1; std::find(colnames.begin(), before, name) != before; ++n)
      name = colnames[i] + std::to_string(n);
    colnames[i] = name;
  }
  if (name.empty()) {
    name = s.chooseRelationName(table, colnames, "idx", false);
  } else if (s.relationExists(name)) {
    if (flag(stmt, "if_not_exists")) return;
    reject("relation \"" + name + "\" already exists");
  }
  Index ix;
  ix.name = name;
  ix.unique = flag(stmt, "unique");
  const bool modelled = readIndexOptions(stmt, s.statement, ix);
  s.table(table).indexes.push_back(ix);
  if (!modelled) {
    UnmanagedObject u;
    u.kind = "index";
    u.name = name;
    u.table = table;
    u.definition = s.statement;
    Dependencies d;
    d.columns = refs;
    s.addUnmanaged(u, d);
  }
}

void createEnum(const Json &stmt, ReplayState &s) {
  auto names = qualifiedName(at(stmt, "typeName"));
  if (!ownName(names)) return;
  if (typeNameTaken(names.back(), s)) reject("type \"" + names.back() + "\" already exists");
  EnumTypeDef e;
  e.name = names.back();
  e.values = strings(at(stmt, "vals"));
  s.schema.enums.push_back(e);
}

void alterEnum(const Json &stmt, ReplayState &s) {
  auto names = qualifiedName(at(stmt, "typeName"));
  if (!ownName(names)) return;
  auto e = std::find_if(s.schema.enums.begin(), s.schema.enums.end(),
                        [&](const EnumTypeDef &x) { return x.name == names.back(); });
  if (e == s.schema.enums.end()) reject("type \"" + names.back() + "\" does not exist or is not an enum");
  auto &v = e->values;
  const std::string oldVal = str(stmt, "oldVal"), newVal = str(stmt, "newVal");
  if (!oldVal.empty()) {
    auto it = std::find(v.begin(), v.end(), oldVal);
    if (it == v.end()) reject("\"" + oldVal + "\" is not an existing enum label");
    if (std::find(v.begin(), v.end(), newVal) != v.end())
      reject("enum label \"" + newVal + "\" already exists");
    *it = newVal;
    return;
  }
  if (std::find(v.begin(), v.end(), newVal) != v.end()) {
    if (flag(stmt, "skipIfNewValExists")) return;
    reject("enum label \"" + newVal + "\" already exists");
  }
  const std::string neighbor = str(stmt, "newValNeighbor");
  if (neighbor.empty()) {
    v.push_back(newVal);
    return;
  }
  auto it = std::find(v.begin(), v.end(), neighbor);
  if (it == v.end()) reject("\"" + neighbor + "\" is not an existing enum label");
  v.insert(flag(stmt, "newValIsAfter") ? it + 1 : it, newVal);
}

void createDomain(const Json &stmt, ReplayState &s) {
  auto names = qualifiedName(at(stmt, "domainname"));
  if (!ownName(names)) return;
  const std::string name = names.back();
  if (typeNameTaken(name, s)) reject("type \"" + name + "\" already exists");
  for (const auto &c : at(stmt, "constraints")) {
    const Json &con = at(c, "Constraint");
    if (str(con, "contype") != "CONSTR_CHECK") continue;
    std::string cname = str(con, "conname");
    s.otherConstraints.insert(cname.empty() ? s.chooseConstraintName(name, {}, "check") : cname);
  }
  s.listStatement("domain", name);
}

void alterDomain(const Json &stmt, ReplayState &s) {
  auto names = qualifiedName(at(stmt, "typeName"));
  if (!ownName(names)) return;
  if (!s.unmanaged("domain", names.back())) {
    if (flag(stmt, "missing_ok")) return;
    reject("type \"" + names.back() + "\" does not exist");
  }
  const std::string subtype = str(stmt, "subtype");
  if (subtype == "C") {
    const Json &con = at(at(stmt, "def"), "Constraint");
    std::string cname = str(con, "conname");
    s.otherConstraints.insert(cname.empty() ? s.chooseConstraintName(names.back(), {}, "check") : cname);
  } else if (subtype == "X") {
    s.otherConstraints.erase(str(stmt, "name"));
  }
}

void createView(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "view");
  if (str(rel, "relpersistence") == "t" || !isOwnSchema(str(rel, "schemaname"))) return;
  const std::string name = str(rel, "relname");
  Dependencies d;
  relationRefs(at(stmt, "query"), d.relations);
  d.relations.erase(name);
  if (UnmanagedObject *u = s.unmanaged("view", name)) {
    if (!flag(stmt, "replace")) reject("relation \"" + name + "\" already exists");
    u->definition = s.statement;
    s.depsOf(*u) = d;
    return;
  }
  if (s.relationExists(name)) reject("relation \"" + name + "\" already exists");
  s.listStatement("view", name, "", d);
}

void createTableAs(const Json &stmt, ReplayState &s) {
  const Json &rel = at(at(stmt, "into"), "rel");
  if (str(rel, "relpersistence") == "t" || !isOwnSchema(str(rel, "schemaname"))) return;
  if (str(stmt, "objtype") != "OBJECT_MATVIEW")
    refuse("CREATE TABLE … AS (its column types come from the query)");
  const std::string name = str(rel, "relname");
  if (s.relationExists(name)) {
    if (flag(stmt, "if_not_exists")) return;
    reject("relation \"" + name + "\" already exists");
  }
  Dependencies d;
  relationRefs(at(stmt, "query"), d.relations);
  s.listStatement("materialized_view", name, "", d);
}

std::string functionSignature(const std::string &name, const Json &parameters, bool procedure,
                              const ReplayState &s, bool typesOnly) {
  std::vector<std::string> args;
  for (const auto &p : parameters) {
    const Json &fp = at(p, "FunctionParameter");
    const std::string mode = str(fp, "mode");
    std::string prefix;
    if (mode == "FUNC_PARAM_OUT") {
      if (!procedure) continue;
      prefix = "OUT ";
    } else if (mode == "FUNC_PARAM_TABLE") {
      continue;
    } else if (mode == "FUNC_PARAM_INOUT") {
      prefix = "INOUT ";
    } else if (mode == "FUNC_PARAM_VARIADIC") {
      prefix = "VARIADIC ";
    } else if (procedure) {
      prefix = "IN ";
    }
    std::string type = formatType(at(fp, "argType"), s);
    // format_type_be() prints no type modifier.
    auto open = type.find('('), close = type.find(')');
    if (open != std::string::npos && close != std::string::npos) {
      type.erase(open, close - open + 1);
      type = trim(type);
      auto twice = type.find("  ");
      if (twice != std::string::npos) type.erase(twice, 1);
    }
    const std::string argName = typesOnly ? "" : str(fp, "name");
    args.push_back((typesOnly ? "" : prefix) + (argName.empty() ? "" : quoteIfNeeded(argName) + " ") + type);
  }
  return name + "(" + join(args, ", ") + ")";
}

void createFunction(const Json &stmt, ReplayState &s) {
  auto names = qualifiedName(at(stmt, "funcname"));
  if (!ownName(names)) return;
  const bool procedure = flag(stmt, "is_procedure");
  const std::string kind = procedure ? "procedure" : "function";
  const std::string name = functionSignature(names.back(), at(stmt, "parameters"), procedure, s);
  // PostgreSQL tells functions apart by their input types alone.
  Dependencies d;
  d.function = functionSignature(names.back(), at(stmt, "parameters"), procedure, s, true);
  for (auto &u : s.schema.unmanaged)
    if ((u.kind == "function" || u.kind == "procedure") && s.depsOf(u).function == d.function) {
      if (!flag(stmt, "replace") || u.kind != kind || u.name != name)
        reject(kind + " " + name + " already exists with same argument types");
      u.definition = s.statement;
      return;
    }
  s.userFunctions.insert(names.back());
  s.listStatement(kind, name, "", d);
}

void createTrigger(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "relation");
  if (!isOwnSchema(str(rel, "schemaname"))) return;
  const std::string table = str(rel, "relname"), name = str(stmt, "trigname");
  if (!s.findTable(table) && !s.unmanaged("view", table) && !s.unmanaged("partition", table))
    reject("relation \"" + table + "\" does not exist");
  Dependencies d;
  auto fn = strings(at(stmt, "funcname"));
  d.function = fn.empty() ? "" : fn.back();
  for (const auto &c : strings(at(stmt, "columns")))
    d.columns.insert(c);
  if (UnmanagedObject *u = s.unmanaged("trigger", name, table)) {
    if (!flag(stmt, "replace"))
      reject("trigger \"" + name + "\" for relation \"" + table + "\" already exists");
    u->definition = s.statement;
    s.depsOf(*u) = d;
    return;
  }
  s.listStatement("trigger", name, table, d);
}

namespace {
// OWNED BY table.column, "" for none, nullopt when the option is absent.
std::optional<std::vector<std::string>> ownedBy(const Json &options) {
  for (const auto &o : options) {
    const Json &d = at(o, "DefElem");
    if (str(d, "defname") != "owned_by") continue;
    auto names =
        strings(at(at(d, "arg"), "List").is_object() ? at(at(at(d, "arg"), "List"), "items") : Json());
    if (names.size() == 1 && names[0] == "none") return std::vector<std::string>{};
    return names;
  }
  return std::nullopt;
}
} // namespace

void createSequence(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "sequence");
  if (str(rel, "relpersistence") == "t" || !isOwnSchema(str(rel, "schemaname"))) return;
  const std::string name = str(rel, "relname");
  if (s.relationExists(name)) {
    if (flag(stmt, "if_not_exists")) return;
    reject("relation \"" + name + "\" already exists");
  }
  auto owner = ownedBy(at(stmt, "options"));
  if (owner && owner->size() >= 2) {
    const std::string table = (*owner)[owner->size() - 2], column = owner->back();
    if (!s.table(table).column(column))
      reject("column \"" + column + "\" of relation \"" + table + "\" does not exist");
    s.ownedSequences.push_back({table, column, name}); // owned: not listed, as introspection leaves it out
    return;
  }
  s.listStatement("sequence", name);
  recordSequence(name, at(stmt, "options"), s);
}

void alterSequence(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "sequence");
  if (!isOwnSchema(str(rel, "schemaname"))) return;
  const std::string name = str(rel, "relname");
  bool free = s.unmanaged("sequence", name) != nullptr;
  bool owned = std::any_of(s.ownedSequences.begin(), s.ownedSequences.end(),
                           [&](const ReplayState::OwnedSequence &q) { return q.name == name; });
  if (!free && !owned) {
    if (flag(stmt, "missing_ok")) return;
    reject("relation \"" + name + "\" does not exist");
  }
  forgetSequenceOptions(name, at(stmt, "options"), s);
  auto owner = ownedBy(at(stmt, "options"));
  if (!owner) return;
  if (owner->empty()) {
    if (owned) refuse("ALTER SEQUENCE … OWNED BY NONE (the sequence becomes one introspection lists)");
    return;
  }
  if (owner->size() < 2) reject("invalid OWNED BY option");
  const std::string table = (*owner)[owner->size() - 2], column = owner->back();
  if (!s.table(table).column(column))
    reject("column \"" + column + "\" of relation \"" + table + "\" does not exist");
  if (free) s.removeUnmanaged("sequence", name);
  auto &q = s.ownedSequences;
  q.erase(
      std::remove_if(q.begin(), q.end(), [&](const ReplayState::OwnedSequence &o) { return o.name == name; }),
      q.end());
  q.push_back({table, column, name});
}

void createExtension(const Json &stmt, ReplayState &s) {
  const std::string name = str(stmt, "extname");
  for (const auto &o : at(stmt, "options")) {
    const Json &d = at(o, "DefElem");
    if (str(d, "defname") == "schema" && !isOwnSchema(str(at(at(d, "arg"), "String"), "sval"))) return;
  }
  if (name == "plpgsql") return;
  if (s.unmanaged("extension", name)) {
    if (flag(stmt, "if_not_exists")) return;
    reject("extension \"" + name + "\" already exists");
  }
  UnmanagedObject u;
  u.kind = "extension";
  u.name = name;
  u.definition = "CREATE EXTENSION IF NOT EXISTS " + quoteIdent(name);
  s.addUnmanaged(u);
}

void commentOn(const Json &stmt, ReplayState &s) {
  const std::string objtype = str(stmt, "objtype");
  if (objtype != "OBJECT_TABLE" && objtype != "OBJECT_COLUMN") return; // introspection reads no other comment
  std::vector<std::string> names = strings(at(at(at(stmt, "object"), "List"), "items"));
  const bool column = objtype == "OBJECT_COLUMN";
  if (names.size() < (column ? 2u : 1u)) refuse("COMMENT ON an object libpg_query gives no name for");
  const std::string table = names[names.size() - (column ? 2 : 1)];
  if (names.size() > (column ? 2u : 1u) && !isOwnSchema(names[names.size() - (column ? 3 : 2)])) return;
  Table *t = s.findTable(table);
  if (!t) {
    for (const char *kind : {"view", "materialized_view", "partition", "sequence"})
      if (s.unmanaged(kind, table)) return;
    reject("relation \"" + table + "\" does not exist");
  }
  const std::string text = str(stmt, "comment");
  if (!column) {
    t->comment = text;
    return;
  }
  Column *c = t->column(names.back());
  if (!c) reject("column \"" + names.back() + "\" of relation \"" + table + "\" does not exist");
  c->comment = text;
}

} // namespace tether::pg::replay
