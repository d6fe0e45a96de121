#include "diff/desired_schema.h"
#include "model/own_schema.h"

namespace tether {

Schema desiredFor(const Schema &models, const Schema &current, const ColumnRules &d) {
  return withOwnSchemaUnqualified(forDialect(models, d.name(), d.nativeTypes()), current.name);
}

} // namespace tether
