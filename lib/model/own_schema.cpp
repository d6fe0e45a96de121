#include "model/own_schema.h"

namespace tether {

Schema withOwnSchemaUnqualified(Schema models, const std::string &own) {
  if (own.empty()) return models;
  for (Table &t : models.tables) {
    for (ForeignKey &fk : t.foreignKeys)
      if (fk.refSchema == own) {
        fk.refTable = fk.refTableName();
        fk.refSchema.clear();
      }
    for (Column &c : t.columns)
      if (c.sequence.schema == own) c.sequence.schema.clear();
  }
  return models;
}

} // namespace tether
