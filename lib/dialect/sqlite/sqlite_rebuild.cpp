#include "dialect/sqlite/sqlite_rebuild.h"
#include "core/strings.h"
#include "dialect/sqlite/sqlite_constraint_options.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_table_sql.h"
#include "dialect/sqlite/sqlite_tokenizer.h"
#include "dialect/sqlite/sqlite_types.h"
#include <algorithm>

namespace tether::sqlite {

namespace {
// A lone INTEGER primary key is the rowid itself; copying it keeps the rowids.
bool hasRowidAlias(const Table &t) {
  if (t.primaryKey.size() != 1) return false;
  const Column *c = t.column(t.primaryKey[0]);
  return c && (c->dbType.empty() ? c->type.kind == TypeKind::Integer : isRowidAliasType(c->dbType));
}

// The name under which the rowid can be addressed: one no column has taken.
std::string rowidName(const Table &a, const Table &b) {
  for (const char *n : {"rowid", "_rowid_", "oid"}) {
    bool taken = false;
    for (const Table *t : {&a, &b})
      for (const auto &c : t->columns)
        if (iequals(c.name, n)) taken = true;
    if (!taken) return n;
  }
  return "";
}
} // namespace

std::string lostByRebuild(const std::string &createSql, bool checksModelled) {
  auto toks = tokenize(createSql);
  const std::set<size_t> modelledCollations = columnCollateOffsets(createSql); // a column's collation:
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token &t = toks[i];
    if (t.isKeyword("CHECK") && !checksModelled) return "a CHECK constraint";
    if (t.isKeyword("AUTOINCREMENT")) return "AUTOINCREMENT";
    if (t.isKeyword("COLLATE") && !modelledCollations.count(t.offset)) return "a COLLATE clause";
    if (t.isKeyword("WITHOUT") && i + 1 < toks.size() && toks[i + 1].isKeyword("ROWID"))
      return "WITHOUT ROWID";
    if (t.isKeyword("STRICT") && i > 0 && (toks[i - 1].isPunct(')') || toks[i - 1].isPunct(',')))
      return "STRICT";
  }
  return "";
}

std::vector<SqlStep> rebuildTable(const Table &before, const Table &after,
                                  const std::vector<std::string> &children, const std::string &description,
                                  int change, const std::vector<UnmanagedObject> &recreate) {
  const std::string temp = "_tether_new_" + after.name;
  std::vector<SqlStep> steps;
  auto add = [&](std::string sql) { steps.push_back({std::move(sql), description, change, true}); };
  add(createTableSql(after, temp));

  std::vector<std::string> cols;
  for (const auto &c : after.columns)
    if (before.column(c.name) && !c.computed.present()) cols.push_back(c.name); // computed: not written
  std::string into = quoteList(cols), select;
  for (size_t i = 0; i < cols.size(); ++i)
    select += (i ? ", " : "") + quoteIdent(cols[i]);
  std::string rowid = hasRowidAlias(before) && hasRowidAlias(after) ? "" : rowidName(before, after);
  if (!rowid.empty()) {
    into = "(" + rowid + (cols.empty() ? "" : ", " + into.substr(1));
    if (cols.empty()) into += ")";
    select = rowid + (cols.empty() ? "" : ", " + select);
  }
  if (!select.empty())
    add("INSERT INTO " + quoteIdent(temp) + " " + into + " SELECT " + select + " FROM " +
        quoteIdent(before.name));
  add("DROP TABLE " + quoteIdent(before.name));
  // The legacy rename leaves views and triggers elsewhere untouched: they name the table,
  // which exists again once the rename is done.
  add("PRAGMA legacy_alter_table = ON");
  add("ALTER TABLE " + quoteIdent(temp) + " RENAME TO " + quoteIdent(after.name));
  add("PRAGMA legacy_alter_table = OFF");
  for (const auto &i : after.indexes) {
    bool verbatim = std::any_of(recreate.begin(), recreate.end(), [&](const UnmanagedObject &u) {
      return u.kind == "index" && u.name == i.name;
    });
    if (!verbatim) add(createIndexSql(after.name, i));
  }
  for (const auto &u : recreate)
    add(u.definition);
  std::vector<std::string> checked{after.name};
  for (const auto &c : children)
    if (c != after.name) checked.push_back(c);
  for (const auto &t : checked)
    add("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(" + quoteLiteral(t) + ")");
  return steps;
}

} // namespace tether::sqlite
