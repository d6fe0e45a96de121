#include "diff/column_rules.h"

namespace tether {

bool ColumnRules::sameCollation(const Column &model, const Column &db) const {
  return model.collation == db.collation;
}

} // namespace tether
