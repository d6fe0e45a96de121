#pragma once
#include "dialect/postgres/pg_introspect.h"
#include <functional>

namespace tether::pg {

// One index as pg_catalog describes it: modelled (elements, order, nulls, operator classes,
// method, predicate, INCLUDE, NULLS NOT DISTINCT), or also kept as an unmanaged object when it
// holds what the model cannot say (a collation, storage parameters, operator class options).
struct IntrospectedIndex {
  std::string table;
  Index index;
  bool modelled = true;
  std::string definition; // pg_get_indexdef, for the unmanaged object
};

// The indexes of the schema's own tables, except those that back a constraint.
std::string indexesQuery(const std::string &ownTablesFilter);
IntrospectedIndex readIndexRow(const Row &r);

} // namespace tether::pg
