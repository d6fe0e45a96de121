#include "diff/change_reverse.h"
#include "diff/match.h"
#include "diff/simulate.h"
#include <map>
#include <set>

namespace tether {

namespace {
using Changes = std::vector<Change>;

Changes one(Change c) {
  Changes out;
  out.push_back(std::move(c));
  return out;
}

// Each step's reverse, from what the step itself carries. The reverse keeps the step's origin.
Changes undo(const step::CreateEnum &s, const SourceLoc &at) {
  return one({step::DropEnum{s.enumDef}, at, true});
}
Changes undo(const step::DropEnum &s, const SourceLoc &at) {
  return one({step::CreateEnum{s.enumDef}, at});
}
// PostgreSQL cannot remove a value from an enum type.
Changes undo(const step::AddEnumValue &, const SourceLoc &) {
  return {};
}
// Unmanaged objects are never dropped.
Changes undo(const step::CreateUnmanaged &, const SourceLoc &) {
  return {};
}
Changes undo(const step::CreateTable &s, const SourceLoc &at) {
  return one({step::DropTable{s.table, s.tableDef}, at, true});
}
// A table comes back as the differ creates one: the table, then each index on its own.
Changes undo(const step::DropTable &s, const SourceLoc &at) {
  step::CreateTable create{s.table, s.tableDef};
  create.tableDef.indexes.clear();
  Changes out = one({create, at});
  for (const Index &i : s.tableDef.indexes)
    out.push_back(Change{step::CreateIndex{s.table, i}, i.loc});
  return out;
}
Changes undo(const step::RenameTable &s, const SourceLoc &at) {
  return one({step::RenameTable{s.oldName, s.table}, at});
}
Changes undo(const step::AddColumn &s, const SourceLoc &at) {
  return one({step::DropColumn{s.table, s.column}, at, true});
}
Changes undo(const step::DropColumn &s, const SourceLoc &at) {
  return one({step::AddColumn{s.table, s.column}, at});
}
Changes undo(const step::RenameColumn &s, const SourceLoc &at) {
  return one({step::RenameColumn{s.table, s.oldColumn, s.column}, at});
}
Changes undo(const step::AlterColumn &s, const SourceLoc &at) {
  step::AlterColumn r = s;
  std::swap(r.column, r.oldColumn);
  // Computed again when the column the step started from was computed; dropping the expression
  // loses nothing, making one replaces the column's values.
  r.recomputed = s.generationChanged && r.column.computed.present();
  const bool destructive = (r.recomputed && !r.oldColumn.computed.present()) ||
                           (r.typeChanged && isNarrowing(r.oldColumn.type, r.column.type));
  return one({r, at, destructive});
}
Changes undo(const step::AddPrimaryKey &s, const SourceLoc &at) {
  return one({step::DropPrimaryKey{s.table, s.primaryKey, s.deferral}, at, true});
}
Changes undo(const step::DropPrimaryKey &s, const SourceLoc &at) {
  return one({step::AddPrimaryKey{s.table, s.primaryKey, s.deferral}, at});
}
// A key that had no name of its own cannot be renamed back to none.
Changes undo(const step::RenamePrimaryKey &s, const SourceLoc &at) {
  if (s.oldName.empty()) return {};
  return one({step::RenamePrimaryKey{s.table, s.primaryKey, s.newName, s.oldName}, at});
}
Changes undo(const step::AddForeignKey &s, const SourceLoc &at) {
  return one({step::DropForeignKey{s.table, s.fk}, at, true});
}
Changes undo(const step::DropForeignKey &s, const SourceLoc &at) {
  return one({step::AddForeignKey{s.table, s.fk}, at});
}
Changes undo(const step::AlterForeignKey &s, const SourceLoc &at) {
  step::AlterForeignKey r = s;
  std::swap(r.fk.deferral, r.oldDeferral);
  return one({r, at});
}
Changes undo(const step::AddUnique &s, const SourceLoc &at) {
  return one({step::DropUnique{s.table, s.unique}, at, true});
}
Changes undo(const step::DropUnique &s, const SourceLoc &at) {
  return one({step::AddUnique{s.table, s.unique}, at});
}
Changes undo(const step::CreateIndex &s, const SourceLoc &at) {
  return one({step::DropIndex{s.table, s.index}, at});
}
Changes undo(const step::DropIndex &s, const SourceLoc &at) {
  return one({step::CreateIndex{s.table, s.index}, at});
}
Changes undo(const step::AddCheck &s, const SourceLoc &at) {
  return one({step::DropCheck{s.table, s.check}, at});
}
Changes undo(const step::DropCheck &s, const SourceLoc &at) {
  return one({step::AddCheck{s.table, s.check}, at});
}
Changes undo(const step::CreateSequence &s, const SourceLoc &at) {
  return one({step::DropSequence{s.sequence}, at, true});
}
Changes undo(const step::DropSequence &s, const SourceLoc &at) {
  return one({step::CreateSequence{s.sequence}, at});
}
Changes undo(const step::AlterSequence &s, const SourceLoc &at) {
  return one({step::AlterSequence{s.oldSequence, s.sequence}, at});
}

// What a step names of its own table's columns.
void renameOwnColumn(step::AddColumn &s, const std::string &from, const std::string &to) {
  if (s.column.name == from) s.column.name = to;
}
void renameOwnColumn(step::DropColumn &s, const std::string &from, const std::string &to) {
  if (s.column.name == from) s.column.name = to;
}
void renameOwnColumn(step::AlterColumn &s, const std::string &from, const std::string &to) {
  for (Column *c : {&s.column, &s.oldColumn})
    if (c->name == from) c->name = to;
}
void renameOwnColumn(step::AddPrimaryKey &s, const std::string &from, const std::string &to) {
  renameIn(s.primaryKey, from, to);
}
void renameOwnColumn(step::DropPrimaryKey &s, const std::string &from, const std::string &to) {
  renameIn(s.primaryKey, from, to);
}
void renameOwnColumn(step::RenamePrimaryKey &s, const std::string &from, const std::string &to) {
  renameIn(s.primaryKey, from, to);
}
template <class KeyStep> void renameKeyColumn(KeyStep &s, const std::string &from, const std::string &to) {
  renameIn(s.fk.columns, from, to);
}
void renameOwnColumn(step::AddForeignKey &s, const std::string &f, const std::string &t) {
  renameKeyColumn(s, f, t);
}
void renameOwnColumn(step::DropForeignKey &s, const std::string &f, const std::string &t) {
  renameKeyColumn(s, f, t);
}
void renameOwnColumn(step::AlterForeignKey &s, const std::string &f, const std::string &t) {
  renameKeyColumn(s, f, t);
}
void renameOwnColumn(step::AddUnique &s, const std::string &from, const std::string &to) {
  renameIn(s.unique.columns, from, to);
}
void renameOwnColumn(step::DropUnique &s, const std::string &from, const std::string &to) {
  renameIn(s.unique.columns, from, to);
}
template <class IndexStep>
void renameIndexColumn(IndexStep &s, const std::string &from, const std::string &to) {
  renameIn(s.index.columns, from, to);
  renameIn(s.index.include, from, to);
}
void renameOwnColumn(step::CreateIndex &s, const std::string &f, const std::string &t) {
  renameIndexColumn(s, f, t);
}
void renameOwnColumn(step::DropIndex &s, const std::string &f, const std::string &t) {
  renameIndexColumn(s, f, t);
}
template <class CheckStep>
void renameCheckColumn(CheckStep &s, const std::string &from, const std::string &to) {
  renameIn(s.check.columns, from, to);
  if (s.check.column == from) s.check.column = to;
}
void renameOwnColumn(step::AddCheck &s, const std::string &f, const std::string &t) {
  renameCheckColumn(s, f, t);
}
void renameOwnColumn(step::DropCheck &s, const std::string &f, const std::string &t) {
  renameCheckColumn(s, f, t);
}
void renameOwnColumn(step::CreateTable &s, const std::string &from, const std::string &to) {
  renameColumnInTable(s.tableDef, from, to);
}
void renameOwnColumn(step::DropTable &s, const std::string &from, const std::string &to) {
  renameColumnInTable(s.tableDef, from, to);
}
template <class Step> void renameOwnColumn(Step &, const std::string &, const std::string &) {}

// The keys a step holds, to follow a renamed table or column they point at.
template <class Step> std::vector<ForeignKey *> keysOf(Step &s) {
  std::vector<ForeignKey *> out;
  if constexpr (std::is_same_v<Step, step::AddForeignKey> || std::is_same_v<Step, step::DropForeignKey> ||
                std::is_same_v<Step, step::AlterForeignKey>)
    out.push_back(&s.fk);
  if constexpr (std::is_same_v<Step, step::CreateTable> || std::is_same_v<Step, step::DropTable>)
    for (auto &fk : s.tableDef.foreignKeys)
      out.push_back(&fk);
  return out;
}

void renameTableIn(Change &c, const std::string &from, const std::string &to) {
  std::visit(
      [&](auto &s) {
        using Step = std::decay_t<decltype(s)>;
        if constexpr (appliesToTable<Step>)
          if (s.table == from) s.table = to;
        if constexpr (std::is_same_v<Step, step::CreateTable> || std::is_same_v<Step, step::DropTable>)
          if (s.tableDef.name == from) s.tableDef.name = to;
        for (ForeignKey *fk : keysOf(s))
          if (fk->refSchema.empty() && fk->refTable == from) fk->refTable = to;
      },
      c.step);
}

// A column's new name everywhere a step names it: on its own table, and as a key's target.
void renameColumnIn(Change &c, const std::string &table, const std::string &from, const std::string &to) {
  std::visit(
      [&](auto &s) {
        for (ForeignKey *fk : keysOf(s))
          if (fk->refTable == table) renameIn(fk->refColumns, from, to);
        if constexpr (appliesToTable<std::decay_t<decltype(s)>>)
          if (s.table == table) renameOwnColumn(s, from, to);
      },
      c.step);
}

// Renames run first in a plan (plan/order.h), so every other step names tables and columns as
// they are after them; an up step's names are the up's new ones, which the reverse renames back.
void nameAfterRenames(Changes &reversed) {
  for (const Change &r : reversed)
    if (const auto *rename = r.get<step::RenameTable>())
      for (Change &c : reversed)
        if (&c != &r) renameTableIn(c, rename->oldName, rename->table);
  for (const Change &r : reversed)
    if (const auto *rename = r.get<step::RenameColumn>())
      for (Change &c : reversed)
        if (&c != &r) renameColumnIn(c, rename->table, rename->oldColumn.name, rename->column.name);
}
} // namespace

std::vector<Change> reverseOf(const Change &change) {
  return std::visit([&](const auto &s) { return undo(s, change.origin); }, change.step);
}

std::vector<Change> reverseChanges(const std::vector<Change> &applied) {
  Changes reversed;
  for (auto it = applied.rbegin(); it != applied.rend(); ++it)
    for (Change &r : reverseOf(*it))
      reversed.push_back(std::move(r));
  nameAfterRenames(reversed);
  std::set<std::string> dropped;
  for (const Change &r : reversed)
    if (r.is<step::DropTable>()) dropped.insert(r.table());
  Changes out;
  std::map<std::string, std::vector<ForeignKey>> keysOfDropped;
  for (Change &r : reversed) {
    if (r.is<step::DropTable>() || r.table().empty() || !dropped.count(r.table())) {
      out.push_back(std::move(r));
      continue;
    }
    if (const auto *drop = r.get<step::DropForeignKey>()) keysOfDropped[drop->table].push_back(drop->fk);
    if (r.is<step::RenameTable>() || r.is<step::RenameColumn>()) out.push_back(std::move(r));
  }
  for (Change &r : out)
    if (auto *drop = r.get<step::DropTable>())
      for (const ForeignKey &fk : keysOfDropped[drop->table])
        drop->tableDef.foreignKeys.push_back(fk);
  return out;
}

} // namespace tether
