#include "diff/deferrable_diff.h"
#include "diff/match.h"

namespace tether {

void foldDeferrabilityChanges(std::vector<Change> &changes, size_t from) {
  for (size_t d = from; d < changes.size(); ++d) {
    if (changes[d].kind != ChangeKind::DropForeignKey) continue;
    const ForeignKey &db = changes[d].fk;
    if (db.notValid || db.name.empty()) continue; // ALTER CONSTRAINT needs the live key's name
    for (size_t a = from; a < changes.size(); ++a) {
      if (changes[a].kind != ChangeKind::AddForeignKey) continue;
      const ForeignKey &model = changes[a].fk;
      if ((!model.name.empty() && model.name != db.name) || !sameForeignKeyDefinition(model, db)) continue;
      Change alter = changes[a];
      alter.kind = ChangeKind::AlterForeignKey;
      alter.fk = db;
      alter.oldDeferral = db.deferral;
      alter.fk.deferral = model.deferral;
      alter.destructive = false;
      changes[a] = alter;
      changes.erase(changes.begin() + static_cast<std::ptrdiff_t>(d));
      --d;
      break;
    }
  }
}

} // namespace tether
