#include "diff/change_reverse.h"
#include "diff/match.h"
#include <map>
#include <set>

namespace tether {

namespace {
Change flipped(const Change &c, ChangeKind kind) {
  Change r = c;
  r.kind = kind;
  return r;
}

Change alterBack(const Change &c) {
  Change r = c;
  std::swap(r.column, r.oldColumn);
  // Computed again when the column the up step started from was computed; dropping the
  // expression loses nothing, making one replaces the column's values.
  r.recomputed = c.generationChanged && r.column.computed.present();
  r.destructive = (r.recomputed && !r.oldColumn.computed.present()) ||
                  (r.typeChanged && isNarrowing(r.oldColumn.type, r.column.type));
  return r;
}
void renameIn(std::vector<std::string> &names, const std::string &from, const std::string &to) {
  for (auto &n : names)
    if (n == from) n = to;
}

void renameTableIn(Change &c, const std::string &from, const std::string &to) {
  auto fix = [&](std::string &name) {
    if (name == from) name = to;
  };
  fix(c.table);
  if (c.fk.refSchema.empty()) fix(c.fk.refTable);
  fix(c.tableDef.name);
  for (auto &fk : c.tableDef.foreignKeys)
    if (fk.refSchema.empty()) fix(fk.refTable);
}

// A column's new name everywhere a step names it: on its own table, and as a key's target.
void renameColumnIn(Change &c, const std::string &table, const std::string &from, const std::string &to) {
  auto keyTargets = [&](ForeignKey &fk) {
    if (fk.refTable == table) renameIn(fk.refColumns, from, to);
  };
  keyTargets(c.fk);
  for (auto &fk : c.tableDef.foreignKeys)
    keyTargets(fk);
  if (c.table != table) return;
  for (Column *col : {&c.column, &c.oldColumn})
    if (col->name == from) col->name = to;
  renameIn(c.primaryKey, from, to);
  renameIn(c.fk.columns, from, to);
  renameIn(c.unique.columns, from, to);
  renameIn(c.index.columns, from, to);
  renameIn(c.index.include, from, to);
  renameIn(c.check.columns, from, to);
  if (c.check.column == from) c.check.column = to;
  Table &t = c.tableDef;
  for (auto &col : t.columns)
    if (col.name == from) col.name = to;
  renameIn(t.primaryKey, from, to);
  for (auto &fk : t.foreignKeys)
    renameIn(fk.columns, from, to);
  for (auto &u : t.uniques)
    renameIn(u.columns, from, to);
  for (auto &i : t.indexes)
    renameIn(i.columns, from, to);
}

// Renames run first in a plan (plan/order.h), so every other step names tables and columns as
// they are after them; an up step's names are the up's new ones, which the reverse renames back.
void nameAfterRenames(std::vector<Change> &reversed) {
  for (const Change &r : reversed)
    if (r.kind == ChangeKind::RenameTable)
      for (Change &c : reversed)
        if (&c != &r) renameTableIn(c, r.oldName, r.table);
  for (const Change &r : reversed)
    if (r.kind == ChangeKind::RenameColumn)
      for (Change &c : reversed)
        if (&c != &r) renameColumnIn(c, r.table, r.oldColumn.name, r.column.name);
}
} // namespace

std::vector<Change> reverseOf(const Change &c) {
  switch (c.kind) {
  case ChangeKind::CreateEnum:
    return {flipped(c, ChangeKind::DropEnum)};
  case ChangeKind::DropEnum:
    return {flipped(c, ChangeKind::CreateEnum)};
  case ChangeKind::AddEnumValue:
  case ChangeKind::CreateUnmanaged:
    return {};
  case ChangeKind::CreateTable:
    return {flipped(c, ChangeKind::DropTable)};
  case ChangeKind::DropTable: {
    // A table comes back as the differ creates one: the table, then each index on its own.
    Change create = flipped(c, ChangeKind::CreateTable);
    create.tableDef.indexes.clear();
    std::vector<Change> out{create};
    for (const Index &i : c.tableDef.indexes) {
      Change ci;
      ci.kind = ChangeKind::CreateIndex;
      ci.table = c.table;
      ci.index = i;
      ci.origin = i.loc;
      out.push_back(ci);
    }
    return out;
  }
  case ChangeKind::RenameTable: {
    Change r = c;
    std::swap(r.table, r.oldName);
    return {r};
  }
  case ChangeKind::AddColumn:
    return {flipped(c, ChangeKind::DropColumn)};
  case ChangeKind::DropColumn:
    return {flipped(c, ChangeKind::AddColumn)};
  case ChangeKind::RenameColumn: {
    Change r = c;
    std::swap(r.column, r.oldColumn);
    return {r};
  }
  case ChangeKind::AlterColumn:
    return {alterBack(c)};
  case ChangeKind::AddPrimaryKey:
    return {flipped(c, ChangeKind::DropPrimaryKey)};
  case ChangeKind::DropPrimaryKey:
    return {flipped(c, ChangeKind::AddPrimaryKey)};
  case ChangeKind::AddForeignKey:
    return {flipped(c, ChangeKind::DropForeignKey)};
  case ChangeKind::DropForeignKey:
    return {flipped(c, ChangeKind::AddForeignKey)};
  case ChangeKind::AddUnique:
    return {flipped(c, ChangeKind::DropUnique)};
  case ChangeKind::DropUnique:
    return {flipped(c, ChangeKind::AddUnique)};
  case ChangeKind::CreateIndex:
    return {flipped(c, ChangeKind::DropIndex)};
  case ChangeKind::DropIndex:
    return {flipped(c, ChangeKind::CreateIndex)};
  case ChangeKind::AddCheck:
    return {flipped(c, ChangeKind::DropCheck)};
  case ChangeKind::DropCheck:
    return {flipped(c, ChangeKind::AddCheck)};
  case ChangeKind::RenamePrimaryKey: {
    if (c.oldName.empty()) return {};
    Change r = c;
    r.oldName = c.tableDef.primaryKeyName;
    r.tableDef.primaryKeyName = c.oldName;
    return {r};
  }
  case ChangeKind::AlterForeignKey: {
    Change r = c;
    std::swap(r.fk.deferral, r.oldDeferral);
    return {r};
  }
  case ChangeKind::CreateSequence:
    return {flipped(c, ChangeKind::DropSequence)};
  case ChangeKind::DropSequence:
    return {flipped(c, ChangeKind::CreateSequence)};
  case ChangeKind::AlterSequence: {
    Change r = c;
    std::swap(r.sequence, r.oldSequence);
    return {r};
  }
  }
  return {};
}

std::vector<Change> reverseChanges(const std::vector<Change> &applied) {
  std::vector<Change> reversed;
  for (auto it = applied.rbegin(); it != applied.rend(); ++it)
    for (Change &r : reverseOf(*it))
      reversed.push_back(std::move(r));
  nameAfterRenames(reversed);
  std::set<std::string> dropped;
  for (const Change &r : reversed)
    if (r.kind == ChangeKind::DropTable) dropped.insert(r.table);
  std::vector<Change> out;
  std::map<std::string, std::vector<ForeignKey>> keysOfDropped;
  for (Change &r : reversed) {
    if (r.kind == ChangeKind::DropTable || !dropped.count(r.table) || r.table.empty()) {
      out.push_back(std::move(r));
      continue;
    }
    if (r.kind == ChangeKind::DropForeignKey) keysOfDropped[r.table].push_back(r.fk);
    if (r.kind == ChangeKind::RenameTable || r.kind == ChangeKind::RenameColumn) out.push_back(std::move(r));
  }
  for (Change &r : out)
    if (r.kind == ChangeKind::DropTable)
      for (const ForeignKey &fk : keysOfDropped[r.table])
        r.tableDef.foreignKeys.push_back(fk);
  return out;
}

} // namespace tether
