#include "diff/rekeyed_references.h"
#include "diff/match.h"
#include <algorithm>
#include <set>

namespace tether {

void rebuildReferencesOfDroppedKeys(const Schema &desired, const Schema &current, std::vector<Change> &out) {
  std::set<std::string> rekeyed;
  for (const Change &c : out)
    if (c.is<step::DropPrimaryKey>()) rekeyed.insert(c.table());
  if (rekeyed.empty()) return;
  auto dropped = [&](const std::string &table, const ForeignKey &fk) {
    return std::any_of(out.begin(), out.end(), [&](const Change &c) {
      const auto *drop = c.get<step::DropForeignKey>();
      return drop && drop->table == table && drop->fk.name == fk.name &&
             sameForeignKeyDefinition(drop->fk, fk);
    });
  };
  std::vector<Change> again;
  for (const Table &have : current.tables)
    for (const ForeignKey &fk : have.foreignKeys) {
      if (!fk.refSchema.empty() || !rekeyed.count(fk.refTable) || dropped(have.name, fk)) continue;
      // Not destructive: the key comes back (or goes with its table, which the models drop).
      again.push_back(Change{step::DropForeignKey{have.name, fk}, fk.loc});
      again.back().aroundKeyOf = fk.refTable;
      const Table *want = desired.table(have.name);
      if (!want) continue;
      auto model = std::find_if(want->foreignKeys.begin(), want->foreignKeys.end(),
                                [&](const ForeignKey &m) { return matchesForeignKey(m, fk); });
      if (model != want->foreignKeys.end()) {
        again.push_back(Change{step::AddForeignKey{have.name, *model}, model->loc});
        again.back().aroundKeyOf = fk.refTable;
      }
    }
  for (Change &c : again)
    out.push_back(std::move(c));
}

} // namespace tether
