#include "dialect/postgres/pg_replay_table.h"
#include "core/strings.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_replay_checks.h"
#include "dialect/postgres/pg_replay_constraint_options.h"
#include "dialect/postgres/pg_replay_expr.h"
#include "dialect/postgres/pg_replay_identity.h"
#include "dialect/postgres/pg_replay_index.h"
#include <algorithm>
#include <memory>

namespace tether::pg::replay {

namespace {
struct Pending {
  const Json *con;
  std::string column;
  std::shared_ptr<Json> qualified; // `con` with the DEFERRABLE/INITIALLY that followed it folded in
};

FkAction fkAction(const std::string &code) {
  if (code == "c") return FkAction::Cascade;
  if (code == "n") return FkAction::SetNull;
  if (code == "d") return FkAction::SetDefault;
  if (code == "r") return FkAction::Restrict;
  return FkAction::None; // 'a', NO ACTION: introspection reads it as no action declared
}

void requireColumns(const Table &t, const std::vector<std::string> &cols) {
  for (const auto &c : cols)
    if (!t.column(c))
      reject("column \"" + c + "\" named in a key does not exist in table \"" + t.name + "\"");
}

void ownSequence(ReplayState &s, const std::string &table, const std::string &column) {
  s.ownedSequences.push_back({table, column, s.chooseRelationName(table, {column}, "seq", false)});
}

// A column from a ColumnDef; its PRIMARY KEY, UNIQUE, CHECK and REFERENCES go to `pending`.
Column readColumn(const std::string &table, const Json &def, ReplayState &s, std::vector<Pending> &pending) {
  Column c;
  c.name = str(def, "colname");
  const std::string serial = readColumnType(at(def, "typeName"), s, c);
  c.collation = readCollation(def, c, s);
  if (!at(def, "raw_default").is_null() || !at(def, "cooked_default").is_null())
    refuse("a column default libpg_query gives outside a DEFAULT clause");
  bool hasDefault = false, afterPending = false;
  for (const auto &item : at(def, "constraints")) {
    const Json &con = at(item, "Constraint");
    const std::string type = str(con, "contype");
    if (startsWith(type, "CONSTR_ATTR_")) {
      if (!afterPending) reject("misplaced DEFERRABLE, NOT DEFERRABLE or INITIALLY clause");
      Pending &p = pending.back();
      if (!p.qualified) p.qualified = std::make_shared<Json>(*p.con);
      applyConstraintAttribute(type, *p.qualified);
      p.con = p.qualified.get();
      continue;
    }
    afterPending = false;
    if (type == "CONSTR_NOTNULL") {
      c.nullable = false;
    } else if (type == "CONSTR_DEFAULT") {
      if (hasDefault) reject("multiple default values specified for column \"" + c.name + "\"");
      hasDefault = true;
      c.defaultValue = readDefault(at(con, "raw_expr"), c, s);
    } else if (type == "CONSTR_IDENTITY") {
      c.autoincrement = true;
      c.identity = readIdentity(con, s);
      c.nullable = false;
    } else if (type == "CONSTR_GENERATED") {
      refuse("a generated column (its expression is stored as PostgreSQL reprints it)");
    } else if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE" || type == "CONSTR_CHECK" ||
               type == "CONSTR_FOREIGN" || type == "CONSTR_EXCLUSION") {
      pending.push_back({&con, c.name, nullptr});
      afterPending = true;
    } else if (type != "CONSTR_NULL") {
      refuse("a column constraint " + type);
    }
  }
  if (!serial.empty()) {
    if (hasDefault) reject("multiple default values specified for column \"" + c.name + "\"");
    c.nullable = false;
    ownSequence(s, table, c.name);
    c.defaultValue.kind = ColumnDefault::Kind::Sql;
    c.defaultValue.value = "nextval('" + s.ownedSequences.back().name + "'::regclass)";
  } else if (c.autoincrement) {
    if (hasDefault) reject("both default and identity specified for column \"" + c.name + "\"");
    ownSequence(s, table, c.name);
  }
  return c;
}

// PostgreSQL names CHECK constraints first, then indexes (the primary key first), then foreign keys.
int constraintRank(const Json &con) {
  const std::string type = str(con, "contype");
  if (type == "CONSTR_CHECK") return 0;
  if (type == "CONSTR_PRIMARY") return 1;
  if (type == "CONSTR_UNIQUE" || type == "CONSTR_EXCLUSION") return 2;
  return 3;
}

void applyPending(const std::string &table, std::vector<Pending> pending, ConstraintContext ctx,
                  ReplayState &s) {
  std::stable_sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
    return constraintRank(*a.con) < constraintRank(*b.con);
  });
  for (const auto &p : pending)
    addConstraint(table, *p.con, p.column, ctx, s);
}

std::vector<std::string> keysOf(const Json &con, const std::string &column) {
  if (!column.empty()) return {column};
  return strings(at(con, "keys"));
}

void addIndexConstraint(Table &t, const Json &con, const std::string &column, ConstraintContext ctx,
                        ReplayState &s) {
  const bool primary = str(con, "contype") == "CONSTR_PRIMARY";
  const Json &including = at(con, "including");
  if (including.is_array() && !including.empty()) refuse("a key with INCLUDE columns");
  std::string name = str(con, "conname");
  std::vector<std::string> keys = keysOf(con, column);
  const std::string indexName = str(con, "indexname");
  if (!indexName.empty()) {
    // ADD CONSTRAINT … USING INDEX: the index becomes the constraint's, renamed after it.
    auto it =
        std::find_if(t.indexes.begin(), t.indexes.end(), [&](const Index &i) { return i.name == indexName; });
    if (it == t.indexes.end())
      reject("index \"" + indexName + "\" does not exist on table \"" + t.name + "\"");
    if (!it->unique) reject("\"" + indexName + "\" is not a unique index");
    if (s.unmanaged("index", indexName))
      reject("index \"" + indexName + "\" is not a plain index on columns, so no constraint can use it");
    keys = it->columns;
    t.indexes.erase(it);
    if (name.empty())
      name = indexName;
    else if (s.relationExists(name))
      reject("relation \"" + name + "\" already exists");
  } else {
    requireColumns(t, keys);
    if (!name.empty() && s.relationExists(name)) reject("relation \"" + name + "\" already exists");
  }
  if (primary) {
    if (!t.primaryKey.empty()) reject("multiple primary keys for table \"" + t.name + "\" are not allowed");
    if (name.empty()) name = s.chooseRelationName(t.name, {}, "pkey", true);
    t.primaryKey = keys;
    t.primaryKeyName = name;
    t.primaryKeyDeferral = readDeferrability(con);
    for (const auto &k : keys)
      t.column(k)->nullable = false;
    return;
  }
  if (ctx == ConstraintContext::CreateTable) {
    // CREATE TABLE keeps one index per key: a UNIQUE repeating the primary key or an earlier UNIQUE
    // is folded into it.
    // (only one checked alike: a deferrable UNIQUE keeps an index of its own).
    if (keys == t.primaryKey && !readDeferrability(con).present()) return;
    for (const auto &u : t.uniques)
      if (u.columns == keys && u.deferral == readDeferrability(con)) return;
  }
  if (name.empty()) name = s.chooseRelationName(t.name, keys, "key", true);
  t.uniques.push_back(UniqueConstraint{name, keys, {}, readDeferrability(con)});
}

void addCheck(Table &t, const Json &con, ConstraintContext ctx, ReplayState &s) {
  std::set<std::string> refs;
  columnRefs(at(con, "raw_expr"), refs);
  std::string name = str(con, "conname");
  if (name.empty()) {
    // PostgreSQL names it after the column when the expression reads exactly one.
    std::vector<std::string> col;
    if (refs.size() == 1) col.push_back(*refs.begin());
    name = s.chooseConstraintName(t.name, col, "check");
  } else if (s.unmanaged("check_constraint", name, t.name) ||
             s.unmanaged("exclude_constraint", name, t.name) || hasCheck(t, name)) {
    reject("constraint \"" + name + "\" for relation \"" + t.name + "\" already exists");
  }
  UnmanagedObject u;
  u.kind = "check_constraint";
  u.name = name;
  u.table = t.name;
  size_t at = static_cast<size_t>(std::max<long long>(0, num(con, "location", 0)));
  const std::string expr = s.text ? parenthesized(*s.text, at) : "";
  // CREATE TABLE validates whatever NOT VALID says.
  const bool notValid = ctx == ConstraintContext::AlterTable && flag(con, "skip_validation");
  const bool noInherit = flag(con, "is_no_inherit");
  if (!notValid && !noInherit && !expr.empty()) {
    t.checks.push_back(replayedCheck(name, expr, refs));
    return;
  }
  u.definition = "ALTER TABLE " + quoteIdent(t.name) + " ADD CONSTRAINT " + quoteIdent(name) + " CHECK " +
                 expr + (noInherit ? " NO INHERIT" : "") + (notValid ? " NOT VALID" : "");
  Dependencies d;
  d.columns = refs;
  s.addUnmanaged(u, d);
}

void addExclusion(Table &t, const Json &con, ReplayState &s) {
  std::vector<std::string> cols;
  std::set<std::string> refs;
  bool expressions = false;
  for (const auto &pair : at(con, "exclusions")) {
    const Json &items = at(at(pair, "List"), "items");
    if (!items.is_array() || items.empty()) continue;
    // `=` under GiST needs btree_gist's operator classes: whether the database has them, only the
    // database knows unless the files create the extension.
    if (str(con, "access_method") == "gist" && items.size() > 1 &&
        strings(at(at(items[1], "List"), "items")) == std::vector<std::string>{"="} &&
        !s.unmanaged("extension", "btree_gist"))
      refuse("an EXCLUDE … USING gist with = (it needs the btree_gist extension the files do not create)");
    const Json &elem = at(items[0], "IndexElem");
    std::string col = str(elem, "name");
    if (col.empty())
      expressions = true;
    else
      refs.insert(col);
    cols.push_back(col.empty() ? "expr" : col);
    columnRefs(at(elem, "expr"), refs);
  }
  columnRefs(at(con, "where_clause"), refs);
  std::string name = str(con, "conname");
  if (name.empty()) {
    if (expressions) refuse("an unnamed EXCLUDE constraint on expressions");
    name = s.chooseRelationName(t.name, cols, "excl", true);
  } else if (s.relationExists(name)) {
    reject("relation \"" + name + "\" already exists");
  }
  UnmanagedObject u;
  u.kind = "exclude_constraint";
  u.name = name;
  u.table = t.name;
  size_t at = static_cast<size_t>(std::max<long long>(0, num(con, "location", 0)));
  u.definition = "ALTER TABLE " + quoteIdent(t.name) + " ADD CONSTRAINT " + quoteIdent(name) +
                 " EXCLUDE USING " + str(con, "access_method") + " " +
                 (s.text ? parenthesized(*s.text, at) : "");
  Dependencies d;
  d.columns = refs;
  s.addUnmanaged(u, d);
}

void addForeignKey(const std::string &table, const Json &con, const std::string &column,
                   ConstraintContext ctx, ReplayState &s) {
  const Json &pk = at(con, "pktable");
  const std::string refSchema = str(pk, "schemaname"), refName = str(pk, "relname");
  ForeignKey fk;
  fk.columns = column.empty() ? strings(at(con, "fk_attrs")) : std::vector<std::string>{column};
  fk.refColumns = strings(at(con, "pk_attrs"));
  if (!isOwnSchema(refSchema)) {
    if (fk.refColumns.empty())
      refuse("a foreign key to a table of schema " + refSchema + " without its columns");
    fk.refSchema = refSchema;
    fk.refTable = refSchema + "." + refName;
  } else {
    const Table *ref = s.findTable(refName);
    if (!ref) {
      if (s.unmanaged("partition", refName)) refuse("a foreign key to a partition");
      reject("relation \"" + refName + "\" does not exist");
    }
    if (fk.refColumns.empty()) {
      if (ref->primaryKey.empty()) reject("there is no primary key for referenced table \"" + refName + "\"");
      fk.refColumns = ref->primaryKey;
    } else if (!ref->isUniqueSet(fk.refColumns)) {
      reject("there is no unique constraint matching given keys for referenced table \"" + refName + "\"");
    }
    fk.refTable = refName;
  }
  Table &t = s.table(table);
  requireColumns(t, fk.columns);
  if (fk.columns.size() != fk.refColumns.size())
    reject("number of referencing and referenced columns for foreign key disagree");
  fk.onDelete = fkAction(str(con, "fk_del_action"));
  fk.onDeleteColumns = strings(at(con, "fk_del_set_cols"));
  for (const auto &c : fk.onDeleteColumns)
    if (std::find(fk.columns.begin(), fk.columns.end(), c) == fk.columns.end())
      reject("column \"" + c + "\" referenced in ON DELETE SET action must be part of foreign key");
  fk.onUpdate = fkAction(str(con, "fk_upd_action"));
  fk.notValid = ctx == ConstraintContext::AlterTable && flag(con, "skip_validation");
  fk.deferral = readDeferrability(con);
  fk.name = str(con, "conname");
  if (fk.name.empty()) {
    fk.name = s.chooseConstraintName(table, fk.columns, "fkey");
  } else {
    for (const auto &f : t.foreignKeys)
      if (f.name == fk.name)
        reject("constraint \"" + fk.name + "\" for relation \"" + table + "\" already exists");
  }
  t.foreignKeys.push_back(fk);
}

bool mentions(const std::vector<std::string> &cols, const std::string &c) {
  return std::find(cols.begin(), cols.end(), c) != cols.end();
}
} // namespace

void createTable(const Json &stmt, ReplayState &s) {
  const Json &rel = at(stmt, "relation");
  if (str(rel, "relpersistence") == "t" || !isOwnSchema(str(rel, "schemaname"))) return; // not this schema's
  const std::string name = str(rel, "relname");
  if (s.relationExists(name)) {
    if (flag(stmt, "if_not_exists")) return;
    reject("relation \"" + name + "\" already exists");
  }
  const Json &parents = at(stmt, "inhRelations");
  if (at(stmt, "partbound").is_object()) {
    std::string parent =
        parents.is_array() && !parents.empty() ? str(at(parents[0], "RangeVar"), "relname") : "";
    if (!s.findTable(parent) && !s.unmanaged("partition", parent))
      reject("relation \"" + parent + "\" does not exist");
    if (at(stmt, "tableElts").is_array() && !at(stmt, "tableElts").empty())
      refuse("a partition declaring columns or constraints of its own in CREATE TABLE (add them with "
             "ALTER TABLE, named)");
    s.listStatement("partition", name, parent);
    return;
  }
  if (parents.is_array() && !parents.empty()) refuse("a table that INHERITS from another");
  if (at(stmt, "ofTypename").is_object()) refuse("a typed table (CREATE TABLE … OF type)");
  Table t;
  t.name = name;
  std::vector<Pending> pending;
  for (const auto &elt : at(stmt, "tableElts")) {
    auto [kind, body] = node(elt);
    if (kind == "ColumnDef") {
      Column c = readColumn(name, *body, s, pending);
      if (t.column(c.name)) reject("column \"" + c.name + "\" specified more than once");
      t.columns.push_back(c);
    } else if (kind == "Constraint") {
      pending.push_back({body, "", nullptr});
    } else {
      refuse("CREATE TABLE with " + kind + " (LIKE)");
    }
  }
  const Json &spec = at(stmt, "partspec");
  if (spec.is_object()) {
    PartitionKey key;
    key.strategy = str(spec, "strategy");
    for (const auto &p : at(spec, "partParams")) {
      const Json &elem = at(p, "PartitionElem");
      if (str(elem, "name").empty() || at(elem, "collation").is_array() || at(elem, "opclass").is_array())
        refuse("a partition key on an expression, or with a collation or operator class");
      if (!t.column(str(elem, "name")))
        reject("column \"" + str(elem, "name") + "\" named in partition key does not exist");
      key.columns.push_back(str(elem, "name"));
    }
    s.partitionKeys[name] = key;
  }
  s.schema.tables.push_back(t);
  // A named UNIQUE on the primary key's columns lends the key its name.
  for (const auto &p : pending) {
    if (str(*p.con, "contype") != "CONSTR_PRIMARY" || !str(*p.con, "conname").empty()) continue;
    for (const auto &q : pending)
      if (str(*q.con, "contype") == "CONSTR_UNIQUE" && !str(*q.con, "conname").empty() &&
          keysOf(*q.con, q.column) == keysOf(*p.con, p.column))
        refuse("a primary key whose name PostgreSQL takes from a UNIQUE on the same columns");
  }
  applyPending(name, pending, ConstraintContext::CreateTable, s);
}

void addColumn(const std::string &table, const Json &columnDef, bool ifNotExists, ReplayState &s) {
  std::vector<Pending> pending;
  Column c = readColumn(table, columnDef, s, pending);
  Table &t = s.table(table);
  if (t.column(c.name)) {
    if (ifNotExists) {
      if (!s.ownedSequences.empty() && s.ownedSequences.back().table == table &&
          s.ownedSequences.back().column == c.name)
        s.ownedSequences.pop_back();
      return;
    }
    reject("column \"" + c.name + "\" of relation \"" + table + "\" already exists");
  }
  t.columns.push_back(c);
  applyPending(table, pending, ConstraintContext::AddColumn, s);
}

void addConstraint(const std::string &table, const Json &con, const std::string &column,
                   ConstraintContext ctx, ReplayState &s) {
  const std::string type = str(con, "contype");
  if (type == "CONSTR_PRIMARY" || type == "CONSTR_UNIQUE")
    addIndexConstraint(s.table(table), con, column, ctx, s);
  else if (type == "CONSTR_CHECK")
    addCheck(s.table(table), con, ctx, s);
  else if (type == "CONSTR_EXCLUSION")
    addExclusion(s.table(table), con, s);
  else if (type == "CONSTR_FOREIGN")
    addForeignKey(table, con, column, ctx, s);
  else
    refuse("a table constraint " + type);
}

void dropReferencingKeys(const std::string &table, const std::vector<std::string> &columns, bool cascade,
                         const std::string &what, ReplayState &s) {
  for (auto &t : s.schema.tables) {
    auto &fks = t.foreignKeys;
    for (auto it = fks.begin(); it != fks.end();) {
      if (it->refTable != table || !sameColumnSet(it->refColumns, columns)) {
        ++it;
        continue;
      }
      if (!cascade)
        reject("cannot drop " + what + " because constraint " + it->name + " on table " + t.name +
               " depends on it (use CASCADE)");
      it = fks.erase(it);
    }
  }
}

void dropColumn(const std::string &table, const std::string &column, bool cascade, bool missingOk,
                ReplayState &s) {
  Table *t = s.findTable(table);
  if (!t) reject("relation \"" + table + "\" does not exist");
  if (!t->column(column)) {
    if (missingOk) return;
    reject("column \"" + column + "\" of relation \"" + table + "\" does not exist");
  }
  if (!s.viewsReading(table).empty())
    refuse("DROP COLUMN on a table a view reads (which views depend on the column is not modelled)");
  auto pk = s.partitionKeys.find(table);
  if (pk != s.partitionKeys.end() && mentions(pk->second.columns, column))
    reject("cannot drop column \"" + column + "\" because it is part of the partition key");
  // Keys of other tables that reference an index on the column.
  for (const auto &u : t->uniques)
    if (mentions(u.columns, column)) dropReferencingKeys(table, u.columns, cascade, "column " + column, s);
  if (mentions(t->primaryKey, column))
    dropReferencingKeys(table, t->primaryKey, cascade, "column " + column, s);
  t = s.findTable(table);
  auto &cols = t->columns;
  cols.erase(std::remove_if(cols.begin(), cols.end(), [&](const Column &c) { return c.name == column; }),
             cols.end());
  if (mentions(t->primaryKey, column)) {
    t->primaryKey.clear();
    t->primaryKeyName.clear();
    t->primaryKeyDeferral = {};
  }
  auto &uq = t->uniques;
  uq.erase(std::remove_if(uq.begin(), uq.end(),
                          [&](const UniqueConstraint &u) { return mentions(u.columns, column); }),
           uq.end());
  auto &fks = t->foreignKeys;
  fks.erase(std::remove_if(fks.begin(), fks.end(),
                           [&](const ForeignKey &f) { return mentions(f.columns, column); }),
            fks.end());
  std::vector<std::string> droppedIndexes;
  auto &ix = t->indexes;
  for (auto it = ix.begin(); it != ix.end();) {
    const UnmanagedObject *u = s.unmanaged("index", it->name);
    bool uses = mentions(it->columns, column) || mentions(it->include, column) ||
                (u && s.depsOf(*u).columns.count(column)) ||
                (!u && indexExpressionColumns(*it).count(column));
    if (uses) {
      droppedIndexes.push_back(it->name);
      it = ix.erase(it);
    } else {
      ++it;
    }
  }
  for (const auto &n : droppedIndexes)
    s.removeUnmanaged("index", n);
  std::vector<UnmanagedObject> gone;
  for (const auto &u : s.schema.unmanaged)
    if (u.table == table &&
        (u.kind == "check_constraint" || u.kind == "exclude_constraint" || u.kind == "trigger") &&
        s.depsOf(u).columns.count(column)) {
      if (u.kind == "trigger" && !cascade)
        reject("cannot drop column " + column + " because trigger " + u.name +
               " depends on it (use CASCADE)");
      gone.push_back(u);
    }
  for (const auto &u : gone)
    s.removeUnmanaged(u.kind, u.name, u.table);
  dropChecksReading(*t, column);
  auto &seqs = s.ownedSequences;
  seqs.erase(std::remove_if(
                 seqs.begin(), seqs.end(),
                 [&](const ReplayState::OwnedSequence &q) { return q.table == table && q.column == column; }),
             seqs.end());
}

void dropConstraint(const std::string &table, const std::string &name, bool cascade, bool missingOk,
                    ReplayState &s) {
  Table &t = s.table(table);
  if (!t.primaryKey.empty() && t.primaryKeyName == name) {
    dropReferencingKeys(table, t.primaryKey, cascade, "constraint " + name, s);
    Table &again = s.table(table);
    again.primaryKey.clear(); // the columns stay NOT NULL
    again.primaryKeyName.clear();
    again.primaryKeyDeferral = {};
    return;
  }
  for (auto it = t.uniques.begin(); it != t.uniques.end(); ++it)
    if (it->name == name) {
      auto cols = it->columns;
      dropReferencingKeys(table, cols, cascade, "constraint " + name, s);
      Table &again = s.table(table);
      again.uniques.erase(std::find_if(again.uniques.begin(), again.uniques.end(),
                                       [&](const UniqueConstraint &u) { return u.name == name; }));
      return;
    }
  for (auto it = t.foreignKeys.begin(); it != t.foreignKeys.end(); ++it)
    if (it->name == name) {
      t.foreignKeys.erase(it);
      return;
    }
  if (dropCheck(t, name)) return;
  for (const char *kind : {"check_constraint", "exclude_constraint"})
    if (s.unmanaged(kind, name, table)) {
      s.removeUnmanaged(kind, name, table);
      return;
    }
  if (!missingOk) reject("constraint \"" + name + "\" of relation \"" + table + "\" does not exist");
}

} // namespace tether::pg::replay
