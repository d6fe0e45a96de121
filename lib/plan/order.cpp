#include "plan/order.h"
#include <algorithm>
#include <map>
#include <set>

namespace tether {

namespace {

int phase(const Change &c) {
  switch (c.kind()) {
  case ChangeKind::CreateEnum:
    return 0;
  case ChangeKind::AddEnumValue:
    return 1;
  case ChangeKind::RenameTable:
    return 2;
  case ChangeKind::RenameColumn:
    return 3;
  case ChangeKind::DropForeignKey:
  case ChangeKind::DropCheck:
    return 4;
  case ChangeKind::DropIndex:
    return 5;
  case ChangeKind::DropUnique:
    return 6;
  case ChangeKind::DropPrimaryKey:
    return 7;
  case ChangeKind::CreateTable:
    return 8;
  case ChangeKind::AddColumn:
    return 9;
  case ChangeKind::AlterColumn:
    return 10;
  case ChangeKind::AddPrimaryKey:
  case ChangeKind::RenamePrimaryKey:
    return 11;
  case ChangeKind::AddUnique:
    return 12;
  case ChangeKind::CreateIndex:
    return 13;
  case ChangeKind::AddForeignKey:
  case ChangeKind::AlterForeignKey:
  case ChangeKind::AddCheck:
    return 14;
  case ChangeKind::DropColumn:
    return 15;
  case ChangeKind::DropTable:
    return 16;
  case ChangeKind::DropEnum:
    return 17;
  case ChangeKind::CreateSequence:
  case ChangeKind::AlterSequence:
    return 1; // before the tables and columns that draw from them
  case ChangeKind::DropSequence:
    return 17; // once no column or table that uses it is left
  case ChangeKind::CreateUnmanaged:
    // Types and functions before the tables that use them; views, triggers and indexes after.
    return c.as<step::CreateUnmanaged>().unmanaged.precedesTables() ? 1 : 18;
  }
  return 19;
}

// Creates: a table is ready when every table it references (other than itself) that is also
// being created already exists. When none is ready, the first remaining table goes anyway and
// its FKs to tables not yet created wait as AddForeignKey.
std::vector<Change> orderCreates(std::vector<Change> creates, std::vector<Change> &laterFks) {
  std::vector<Change> out;
  std::set<std::string> pending;
  for (const auto &c : creates)
    pending.insert(c.table());
  auto blockers = [&](const Change &c) {
    std::vector<const ForeignKey *> b;
    for (const auto &fk : c.as<step::CreateTable>().tableDef.foreignKeys)
      if (fk.refTable != c.table() && pending.count(fk.refTable)) b.push_back(&fk);
    return b;
  };
  while (!creates.empty()) {
    auto ready =
        std::find_if(creates.begin(), creates.end(), [&](const Change &c) { return blockers(c).empty(); });
    if (ready == creates.end()) {
      ready = creates.begin();
      auto &c = ready->as<step::CreateTable>();
      std::vector<ForeignKey> keep;
      for (const auto &fk : c.tableDef.foreignKeys) {
        if (fk.refTable != c.table && pending.count(fk.refTable))
          laterFks.push_back(Change{step::AddForeignKey{c.table, fk}, fk.loc});
        else
          keep.push_back(fk);
      }
      c.tableDef.foreignKeys = keep;
    }
    pending.erase(ready->table());
    out.push_back(*ready);
    creates.erase(ready);
  }
  return out;
}

// Drops: a table can go when no other table still to be dropped references it.
std::vector<Change> orderDrops(std::vector<Change> drops, std::vector<Change> &fkDrops) {
  std::vector<Change> out;
  std::set<std::string> pending;
  for (const auto &c : drops)
    pending.insert(c.table());
  auto referenced = [&](const Change &target) {
    for (const auto &c : drops)
      if (c.table() != target.table())
        for (const auto &fk : c.as<step::DropTable>().tableDef.foreignKeys)
          if (fk.refTable == target.table()) return true;
    return false;
  };
  while (!drops.empty()) {
    auto ready = std::find_if(drops.begin(), drops.end(), [&](const Change &c) { return !referenced(c); });
    if (ready == drops.end()) {
      // A cycle: drop the FKs that point at the first table, then it can go.
      ready = drops.begin();
      for (auto &other : drops) {
        if (other.table() == ready->table()) continue;
        auto &c = other.as<step::DropTable>();
        std::vector<ForeignKey> keep;
        for (const auto &fk : c.tableDef.foreignKeys) {
          if (fk.refTable != ready->table())
            keep.push_back(fk);
          else
            fkDrops.push_back(Change{step::DropForeignKey{c.table, fk}, {}, other.destructive});
        }
        c.tableDef.foreignKeys = keep;
      }
    }
    pending.erase(ready->table());
    out.push_back(*ready);
    drops.erase(ready);
  }
  return out;
}

} // namespace

std::vector<Change> orderChanges(std::vector<Change> changes) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change &a, const Change &b) { return phase(a) < phase(b); });
  std::vector<Change> creates, drops, rest;
  for (auto &c : changes) {
    if (c.is<step::CreateTable>())
      creates.push_back(std::move(c));
    else if (c.is<step::DropTable>())
      drops.push_back(std::move(c));
    else
      rest.push_back(std::move(c));
  }
  std::vector<Change> laterFks, fkDrops;
  for (auto &c : orderCreates(std::move(creates), laterFks))
    rest.push_back(std::move(c));
  for (auto &c : laterFks)
    rest.push_back(std::move(c));
  std::vector<Change> orderedDrops = orderDrops(std::move(drops), fkDrops);
  for (auto &c : fkDrops)
    rest.push_back(std::move(c));
  for (auto &c : orderedDrops)
    rest.push_back(std::move(c));
  // Everything now sits in its phase; the split-out FK adds and cycle FK drops join theirs.
  std::stable_sort(rest.begin(), rest.end(),
                   [](const Change &a, const Change &b) { return phase(a) < phase(b); });
  return rest;
}

} // namespace tether
