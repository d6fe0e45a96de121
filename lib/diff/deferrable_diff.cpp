#include "diff/deferrable_diff.h"
#include "diff/match.h"

namespace tether {

void foldDeferrabilityChanges(std::vector<Change> &changes, size_t from) {
  for (size_t d = from; d < changes.size(); ++d) {
    const auto *drop = changes[d].get<step::DropForeignKey>();
    if (!drop) continue;
    const ForeignKey &db = drop->fk;
    if (db.notValid || db.name.empty()) continue; // ALTER CONSTRAINT needs the live key's name
    for (size_t a = from; a < changes.size(); ++a) {
      const auto *add = changes[a].get<step::AddForeignKey>();
      if (!add) continue;
      const ForeignKey &model = add->fk;
      if ((!model.name.empty() && model.name != db.name) || !sameForeignKeyDefinition(model, db)) continue;
      step::AlterForeignKey alter{add->table, db, db.deferral};
      alter.fk.deferral = model.deferral;
      changes[a] = Change{alter, changes[a].origin};
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(d));
      --d;
      break;
    }
  }
}

} // namespace tether
