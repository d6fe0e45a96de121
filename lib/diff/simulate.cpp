#include "diff/simulate.h"
#include "diff/match.h"
#include "diff/sequence_diff.h"
#include <algorithm>

namespace tether {

namespace {
template <class T, class Pred> void eraseFirst(std::vector<T> &v, Pred p) {
  auto it = std::find_if(v.begin(), v.end(), p);
  if (it != v.end()) v.erase(it);
}

void renameIn(std::vector<std::string> &cols, const std::string &from, const std::string &to) {
  for (auto &c : cols)
    if (c == from) c = to;
}

void renameColumn(Schema &s, Table &t, const std::string &from, const std::string &to) {
  if (Column *c = t.column(from)) c->name = to;
  renameIn(t.primaryKey, from, to);
  for (auto &fk : t.foreignKeys)
    renameIn(fk.columns, from, to);
  for (auto &u : t.uniques)
    renameIn(u.columns, from, to);
  for (auto &i : t.indexes)
    renameIn(i.columns, from, to);
  for (auto &other : s.tables)
    for (auto &fk : other.foreignKeys)
      if (fk.refTable == t.name) renameIn(fk.refColumns, from, to);
}
} // namespace

void applyChange(Schema &s, const Change &c) {
  Table *t = s.table(c.kind == ChangeKind::RenameTable ? c.oldName : c.table);
  switch (c.kind) {
  case ChangeKind::CreateEnum:
    s.enums.push_back(c.enumDef);
    return;
  case ChangeKind::AddEnumValue:
    for (auto &e : s.enums)
      if (e.name == c.enumDef.name) e.values.push_back(c.enumValue);
    return;
  case ChangeKind::DropEnum:
    eraseFirst(s.enums, [&](const EnumTypeDef &e) { return e.name == c.enumDef.name; });
    return;
  case ChangeKind::CreateTable:
    s.tables.push_back(c.tableDef);
    return;
  case ChangeKind::DropTable:
    eraseFirst(s.tables, [&](const Table &x) { return x.name == c.table; });
    // What lives inside the table goes with it.
    s.unmanaged.erase(
        std::remove_if(s.unmanaged.begin(), s.unmanaged.end(),
                       [&](const UnmanagedObject &u) { return u.partOfTable() && u.table == c.table; }),
        s.unmanaged.end());
    return;
  case ChangeKind::CreateUnmanaged:
    s.unmanaged.push_back(c.unmanaged);
    return;
  case ChangeKind::CreateSequence:
  case ChangeKind::AlterSequence:
  case ChangeKind::DropSequence:
    applySequenceChange(s, c);
    return;
  case ChangeKind::RenameTable:
    if (!t) return;
    t->name = c.table;
    for (auto &other : s.tables)
      for (auto &fk : other.foreignKeys)
        if (fk.refTable == c.oldName) fk.refTable = c.table;
    return;
  default:
    break;
  }
  if (!t) return;
  switch (c.kind) {
  case ChangeKind::AddColumn:
    t->columns.push_back(c.column);
    break;
  case ChangeKind::DropColumn:
    eraseFirst(t->columns, [&](const Column &x) { return x.name == c.column.name; });
    break;
  case ChangeKind::RenameColumn:
    renameColumn(s, *t, c.oldColumn.name, c.column.name);
    break;
  case ChangeKind::AlterColumn:
    if (Column *col = t->column(c.column.name)) *col = c.column;
    break;
  case ChangeKind::AddPrimaryKey:
    t->primaryKey = c.primaryKey;
    t->primaryKeyDeferral = c.tableDef.primaryKeyDeferral;
    break;
  case ChangeKind::DropPrimaryKey:
    t->primaryKey.clear();
    t->primaryKeyName.clear();
    t->primaryKeyDeferral = {};
    break;
  case ChangeKind::AddForeignKey:
    t->foreignKeys.push_back(c.fk);
    break;
  case ChangeKind::DropForeignKey:
    eraseFirst(t->foreignKeys,
               [&](const ForeignKey &x) { return x.name == c.fk.name && sameForeignKeyDefinition(x, c.fk); });
    break;
  case ChangeKind::AlterForeignKey:
    for (auto &fk : t->foreignKeys)
      if (fk.name == c.fk.name && sameForeignKeyDefinition(fk, c.fk)) fk.deferral = c.fk.deferral;
    break;
  case ChangeKind::AddUnique:
    t->uniques.push_back(c.unique);
    break;
  case ChangeKind::DropUnique:
    eraseFirst(t->uniques, [&](const UniqueConstraint &x) {
      return x.name == c.unique.name && x.columns == c.unique.columns;
    });
    break;
  case ChangeKind::CreateIndex:
    t->indexes.push_back(c.index);
    break;
  case ChangeKind::DropIndex:
    eraseFirst(t->indexes, [&](const Index &x) { return x.name == c.index.name; });
    break;
  case ChangeKind::AddCheck:
    t->checks.push_back(c.check);
    break;
  case ChangeKind::RenamePrimaryKey:
    t->primaryKeyName = c.tableDef.primaryKeyName;
    break;
  case ChangeKind::DropCheck:
    eraseFirst(t->checks,
               [&](const CheckConstraint &x) { return x.name == c.check.name && x.sql == c.check.sql; });
    break;
  default:
    break;
  }
}

} // namespace tether
