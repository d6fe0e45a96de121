#include "model/nullability.h"

namespace tether {

bool nullabilityDiffers(const Table &modelTable, const Column &model, const Column &db) {
  return model.nullable != db.nullable && !modelTable.isPrimaryKey(model.name);
}

} // namespace tether
