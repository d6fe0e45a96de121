#include "dialect/sqlite/sqlite_render.h"
#include "core/error.h"
#include "dialect/sqlite/sqlite_checks.h"
#include "dialect/sqlite/sqlite_defaults.h"
#include "dialect/sqlite/sqlite_quote.h"
#include "dialect/sqlite/sqlite_rebuild.h"
#include "dialect/sqlite/sqlite_table_sql.h"
#include "diff/simulate.h"
#include <algorithm>
#include <map>
#include <set>

namespace tether::sqlite {

namespace {

bool usedByConstraint(const Table &t, const std::string &col) {
  auto has = [&](const std::vector<std::string> &v) { return std::find(v.begin(), v.end(), col) != v.end(); };
  if (has(t.primaryKey)) return true;
  for (const auto &u : t.uniques)
    if (has(u.columns)) return true;
  for (const auto &i : t.indexes)
    if (has(i.columns) || !i.predicate.empty() || i.hasExpressions) return true;
  for (const auto &fk : t.foreignKeys)
    if (has(fk.columns)) return true;
  return false;
}

// Can SQLite's ALTER TABLE do this to the table as it stands?
bool alterable(const Change &c, const Table &t) {
  switch (c.kind()) {
  case ChangeKind::AddColumn: {
    const Column &column = c.as<step::AddColumn>().column;
    // SQLite adds a VIRTUAL generated column in place, never a STORED one.
    if (column.computed.present()) return !column.computed.stored.value_or(false);
    return isConstantDefault(column.defaultValue) && (column.nullable || column.defaultValue.present());
  }
  case ChangeKind::DropColumn:
    return !usedByConstraint(t, c.as<step::DropColumn>().column.name);
  case ChangeKind::RenameColumn:
  case ChangeKind::CreateIndex:
  case ChangeKind::DropIndex:
    return true;
  default:
    return false;
  }
}

bool changesTableShape(ChangeKind k) {
  switch (k) {
  case ChangeKind::AddColumn:
  case ChangeKind::DropColumn:
  case ChangeKind::AlterColumn:
  case ChangeKind::AddPrimaryKey:
  case ChangeKind::DropPrimaryKey:
  case ChangeKind::AddForeignKey:
  case ChangeKind::DropForeignKey:
  case ChangeKind::AddUnique:
  case ChangeKind::DropUnique:
  case ChangeKind::CreateIndex:
  case ChangeKind::DropIndex:
  case ChangeKind::AddCheck:
  case ChangeKind::DropCheck:
  case ChangeKind::RenamePrimaryKey:
    return true;
  default:
    return false;
  }
}

std::string nativeSql(const Change &c, const Schema &sim) {
  const std::string t = quoteIdent(c.table());
  switch (c.kind()) {
  case ChangeKind::CreateTable:
    return createTableSql(*sim.table(c.table()), c.table());
  case ChangeKind::DropTable:
    return "DROP TABLE " + t;
  case ChangeKind::RenameTable:
    return "ALTER TABLE " + quoteIdent(c.as<step::RenameTable>().oldName) + " RENAME TO " + t;
  case ChangeKind::AddColumn:
    return "ALTER TABLE " + t + " ADD COLUMN " + columnDefinition(c.as<step::AddColumn>().column);
  case ChangeKind::DropColumn:
    return "ALTER TABLE " + t + " DROP COLUMN " + quoteIdent(c.as<step::DropColumn>().column.name);
  case ChangeKind::RenameColumn: {
    const auto &rename = c.as<step::RenameColumn>();
    return "ALTER TABLE " + t + " RENAME COLUMN " + quoteIdent(rename.oldColumn.name) + " TO " +
           quoteIdent(rename.column.name);
  }
  case ChangeKind::CreateIndex:
    return createIndexSql(c.table(), c.as<step::CreateIndex>().index);
  case ChangeKind::DropIndex:
    return "DROP INDEX " + quoteIdent(c.as<step::DropIndex>().index.name);
  case ChangeKind::CreateUnmanaged:
    return c.as<step::CreateUnmanaged>().unmanaged.definition;
  default:
    return "";
  }
}

struct Rebuild {
  Table before;
  int firstChange = -1;
  std::vector<std::string> what;
};

} // namespace

std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current) {
  std::vector<SqlStep> steps;
  Schema sim = current;
  std::set<std::string> created, dropped;
  std::map<std::string, std::vector<ForeignKey>> laterFks; // new tables: FKs folded back in
  for (const auto &c : changes) {
    if (c.kind() == ChangeKind::CreateTable) created.insert(c.table());
    if (c.kind() == ChangeKind::DropTable) dropped.insert(c.table());
  }
  // SQLite accepts a foreign key to a table that does not exist yet, so an FK the planner split
  // off a new table (a cycle) goes back into its CREATE TABLE instead of forcing a rebuild.
  for (const auto &c : changes)
    if (const auto *add = c.get<step::AddForeignKey>(); add && created.count(add->table))
      laterFks[add->table].push_back(add->fk);

  std::map<std::string, Rebuild> rebuilds;
  std::vector<std::string> rebuildOrder;
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change &c = changes[i];
    const int idx = static_cast<int>(i);
    const ChangeKind kind = c.kind();
    const std::string &table = c.table();
    if (kind == ChangeKind::CreateEnum || kind == ChangeKind::AddEnumValue || kind == ChangeKind::DropEnum)
      continue; // no native enums: an Enum is a VARCHAR column
    if (kind != ChangeKind::DropTable && dropped.count(table)) continue;     // goes with its table
    if (kind == ChangeKind::AddForeignKey && created.count(table)) continue; // folded in
    if (kind == ChangeKind::CreateTable) {
      Change full = c;
      for (const auto &fk : laterFks[table])
        full.as<step::CreateTable>().tableDef.foreignKeys.push_back(fk);
      applyChange(sim, full);
      steps.push_back({nativeSql(c, sim), c.describe(), idx, true});
      continue;
    }
    const Table *t = sim.table(table);
    bool shape = changesTableShape(kind) && t && !created.count(table);
    if (shape && (rebuilds.count(table) || !alterable(c, *t))) {
      if (!rebuilds.count(table)) {
        rebuilds[table] = Rebuild{*t, idx, {}};
        rebuildOrder.push_back(table);
      }
      rebuilds[table].what.push_back(c.describe());
      applyChange(sim, c);
      continue;
    }
    std::string sql = nativeSql(c, sim);
    applyChange(sim, c);
    if (!sql.empty()) steps.push_back({sql, c.describe(), idx, true});
  }
  for (const auto &name : rebuildOrder) {
    const Rebuild &r = rebuilds[name];
    const Table *after = sim.table(name);
    if (!after) continue;
    // A rebuild writes the table from the model; what the model cannot say would be gone.
    std::string lost =
        lostByRebuild(r.before.createSql, checkKeywords(r.before.createSql) == r.before.checks.size());
    if (!lost.empty())
      throw Error("changing table " + name + " needs a SQLite table rebuild (" + r.what.front() +
                      "), which would lose " + lost + " (tether does not model it yet); nothing was planned",
                  {}, "make this change in a hand-written migration that keeps the table's definition");

    std::vector<std::string> children;
    for (const auto &other : sim.tables)
      for (const auto &fk : other.foreignKeys)
        if (fk.refTable == name && std::find(children.begin(), children.end(), other.name) == children.end())
          children.push_back(other.name);
    std::string description = "rebuild table " + name + ": ";
    for (size_t i = 0; i < r.what.size(); ++i)
      description += (i ? "; " : "") + r.what[i];
    // DROP TABLE takes the table's triggers and the indexes tether does not model along: the
    // rebuild puts them back as they were written.
    std::vector<UnmanagedObject> keep;
    for (const auto &u : current.unmanaged)
      if (u.partOfTable() && u.table == name) keep.push_back(u);
    for (auto &s : rebuildTable(r.before, *after, children, description, r.firstChange, keep))
      steps.push_back(s);
  }
  return steps;
}

} // namespace tether::sqlite
