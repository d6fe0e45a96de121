#include "dialect/sqlite/sqlite_introspect.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_checks.h"
#include "dialect/sqlite/sqlite_constraint_options.h"
#include "dialect/sqlite/sqlite_ddl_reader.h"
#include "dialect/sqlite/sqlite_defaults.h"
#include "dialect/sqlite/sqlite_generated_columns.h"
#include "dialect/sqlite/sqlite_handle.h"
#include "dialect/sqlite/sqlite_index_sql.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include "dialect/sqlite/sqlite_types.h"
#include <algorithm>
#include <map>

namespace tether::sqlite {

namespace {
// Virtual tables and the shadow tables their module keeps its data in are not tables tether
// models: the virtual table is unmanaged and recreating it recreates its shadow tables.
const char *kTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                      "AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL%' "
                      "AND m.name NOT IN (SELECT name FROM pragma_table_list WHERE schema = 'main' "
                      "AND type = 'shadow')";

// Replay order of unmanaged objects: virtual tables, then indexes, views and triggers (a view
// may read a virtual table, an INSTEAD OF trigger needs its view).
int unmanagedRank(const std::string &kind) {
  if (kind == "virtual_table") return 0;
  if (kind == "index") return 1;
  if (kind == "view") return 2;
  return 3;
}

std::string str(const std::optional<std::string> &v) {
  return v.value_or("");
}

FkAction actionOf(const std::string &s) {
  auto a = parseFkAction(s);
  return a ? *a : FkAction::NoAction;
}

// Gives unnamed pragma results the name the CREATE TABLE text gave them, matching by columns.
template <class T>
void nameFromDdl(std::vector<T> &items, std::vector<NamedConstraint> named, NamedConstraint::Kind kind) {
  for (auto &item : items) {
    auto it = std::find_if(named.begin(), named.end(), [&](const NamedConstraint &n) {
      return n.kind == kind && n.columns == item.columns;
    });
    if (it == named.end()) continue;
    item.name = it->name;
    named.erase(it);
  }
}
bool withoutRowid(const std::string &createSql) {
  auto toks = tokenize(createSql);
  for (size_t i = 0; i + 1 < toks.size(); ++i)
    if (toks[i].isKeyword("WITHOUT") && toks[i + 1].isKeyword("ROWID")) return true;
  return false;
}
} // namespace

bool isTetherTable(const std::string &name) {
  return startsWith(name, "tether_") || startsWith(name, "_tether_new_");
}

Schema introspect(sqlite3 *db) {
  Schema s;
  std::map<std::string, std::string> tableSql, indexSql;
  std::map<std::string, size_t> position; // creation order of tables and indexes
  for (const auto &r : runQuery(db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "WHERE type IN ('table', 'index', 'view', 'trigger') ORDER BY rowid")) {
    const std::string type = str(r[0]), name = str(r[1]), sql = str(r[3]);
    position[name] = position.size();
    if (type == "index")
      indexSql[name] = sql;
    else if (type == "table" && !startsWith(toUpper(sql), "CREATE VIRTUAL"))
      tableSql[name] = sql;
    else if (!isTetherTable(name) && !isTetherTable(str(r[2])))
      s.unmanaged.push_back(
          {type == "table" ? "virtual_table" : type, name, type == "trigger" ? str(r[2]) : "", sql, {}});
  }

  std::map<std::string, Table *> byName;
  auto tableFor = [&](const std::string &name) -> Table * {
    if (isTetherTable(name)) return nullptr;
    auto it = byName.find(name);
    if (it != byName.end()) return it->second;
    return nullptr;
  };

  {
    std::string sql =
        std::string("SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
                    "FROM sqlite_master AS m, pragma_table_xinfo(m.name) AS p WHERE ") +
        kTables + " ORDER BY m.rowid, p.cid";
    std::string last;
    std::map<std::string, std::vector<std::pair<int, std::string>>> pkCols;
    for (const auto &r : runQuery(db, sql)) {
      const std::string tname = str(r[0]);
      if (isTetherTable(tname)) continue;
      if (tname != last || s.tables.empty()) {
        Table t;
        t.name = tname;
        s.tables.push_back(t);
        last = tname;
      }
      Column c;
      c.name = str(r[1]);
      c.dbType = str(r[2]);
      c.type = modelTypeOf(c.dbType);
      c.nullable = str(r[3]) == "0";
      if (r[4]) c.defaultValue = parseDefault(*r[4]);
      const std::string hidden = str(r[6]);
      if (hidden == "2" || hidden == "3") { // a generated column, VIRTUAL or STORED
        auto generated = generatedColumns(tableSql[tname]);
        auto it = generated.find(c.name);
        c.computed = it != generated.end() ? it->second : ComputedColumn{"?", hidden == "3"};
        c.computed.stored = hidden == "3";
      }
      int pk = std::stoi(str(r[5]).empty() ? "0" : str(r[5]));
      if (pk > 0) pkCols[tname].push_back({pk, c.name});
      s.tables.back().columns.push_back(c);
    }
    for (auto &t : s.tables) {
      auto &cols = pkCols[t.name];
      std::sort(cols.begin(), cols.end());
      for (const auto &[pos, name] : cols)
        t.primaryKey.push_back(name);
      // A lone INTEGER primary key is the rowid: never NULL, generated when not given.
      if (t.primaryKey.size() == 1) {
        Column *c = t.column(t.primaryKey[0]);
        if (c && isRowidAliasType(c->dbType) && !withoutRowid(tableSql[t.name])) {
          c->autoincrement = true;
          c->nullable = false;
        }
      }
    }
  }
  for (auto &t : s.tables)
    byName[t.name] = &t;

  {
    std::string sql =
        std::string("SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete "
                    "FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f WHERE ") +
        kTables + " ORDER BY m.rowid, f.id DESC, f.seq";
    std::string lastKey;
    for (const auto &r : runQuery(db, sql)) {
      Table *t = tableFor(str(r[0]));
      if (!t) continue;
      std::string key = str(r[0]) + "\x1f" + str(r[1]);
      if (key != lastKey) {
        ForeignKey fk;
        fk.refTable = str(r[2]);
        fk.onUpdate = actionOf(str(r[5]));
        fk.onDelete = actionOf(str(r[6]));
        t->foreignKeys.push_back(fk);
        lastKey = key;
      }
      ForeignKey &fk = t->foreignKeys.back();
      fk.columns.push_back(str(r[3]));
      fk.refColumns.push_back(str(r[4])); // empty: the parent's primary key, filled below
    }
  }

  {
    std::string sql = std::string("SELECT m.name, il.name, il.\"unique\", il.origin, ii.cid, ii.name "
                                  "FROM sqlite_master AS m, pragma_index_list(m.name) AS il, "
                                  "pragma_index_info(il.name) AS ii WHERE ") +
                      kTables + " ORDER BY m.rowid, il.name, ii.seqno";
    std::map<std::string, std::pair<Index, std::string>> found; // index name -> (index, origin)
    std::map<std::string, std::string> owner;
    for (const auto &r : runQuery(db, sql)) {
      if (!tableFor(str(r[0]))) continue;
      const std::string iname = str(r[1]);
      auto &[idx, origin] = found[iname];
      idx.name = iname;
      idx.unique = str(r[2]) == "1";
      origin = str(r[3]);
      owner[iname] = str(r[0]);
      if (str(r[4]) == "-2")
        idx.hasExpressions = true;
      else if (r[5])
        idx.columns.push_back(*r[5]);
    }
    std::vector<std::string> names;
    for (const auto &[n, v] : found)
      names.push_back(n);
    std::sort(names.begin(), names.end(),
              [&](const std::string &a, const std::string &b) { return position[a] < position[b]; });
    for (const auto &n : names) {
      auto &[idx, origin] = found[n];
      Table *t = tableFor(owner[n]);
      if (origin == "pk") continue;
      if (origin == "u") {
        UniqueConstraint u;
        u.columns = idx.columns;
        t->uniques.push_back(u);
        continue;
      }
      idx.method = "btree";
      idx.predicate = indexPredicate(indexSql[n]);
      // Expressions, DESC and WHERE are read from the stored text; what the model cannot say is
      // kept as written, never dropped, and stays in the table too, for the audit.
      if (!indexSql[n].empty() && !readIndexSql(indexSql[n], idx))
        s.unmanaged.push_back({"index", n, t->name, indexSql[n], {}});
      t->indexes.push_back(idx);
    }
  }

  std::stable_sort(s.unmanaged.begin(), s.unmanaged.end(),
                   [](const UnmanagedObject &a, const UnmanagedObject &b) {
                     return unmanagedRank(a.kind) < unmanagedRank(b.kind);
                   });
  for (auto &t : s.tables) {
    t.createSql = tableSql[t.name];
    t.checks = checksOf(t.createSql);
    readForeignKeyTimings(t);
    for (const auto &[column, collation] : columnCollations(t.createSql))
      if (Column *c = t.column(column)) c->collation = collation;
    auto named = namedConstraints(tableSql[t.name]);
    nameFromDdl(t.uniques, named, NamedConstraint::Kind::Unique);
    nameFromDdl(t.foreignKeys, named, NamedConstraint::Kind::ForeignKey);
    for (const auto &n : named)
      if (n.kind == NamedConstraint::Kind::PrimaryKey) t.primaryKeyName = n.name;
    for (auto &fk : t.foreignKeys) {
      bool implicit = std::all_of(fk.refColumns.begin(), fk.refColumns.end(),
                                  [](const std::string &c) { return c.empty(); });
      if (!implicit) continue;
      if (const Table *parent = s.table(fk.refTable)) fk.refColumns = parent->primaryKey;
    }
  }
  return s;
}

} // namespace tether::sqlite
