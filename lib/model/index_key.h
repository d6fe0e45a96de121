#pragma once
#include <string>
#include <vector>

namespace tether {

struct Index;

// How one element of an index is built beyond its column or expression text: SQLAlchemy's
// `.desc()`, `.nulls_first()` and `postgresql_ops`. Empty strings are the defaults, so a plain
// column compares equal to an element that spells the default out.
struct IndexKey {
  bool expression = false; // the element's text is an expression (`lower(email)`), not a column
  std::string order;       // "" (ascending) or "desc"
  std::string nulls;       // "" (the order's default), "first" or "last"
  std::string opclass;     // "" (the type's default operator class) or its name

  bool operator==(const IndexKey &o) const {
    return expression == o.expression && order == o.order && nulls == o.nulls && opclass == o.opclass;
  }
  bool operator!=(const IndexKey &o) const { return !(*this == o); }
};

// The options of element `i` of `ix`, normalised: NULLS LAST is ascending's default and NULLS
// FIRST descending's, so either is stored as "".
IndexKey indexKeyAt(const Index &ix, size_t i);
// `ix.keys` normalised and sized to its elements, or emptied when every element is a plain
// ascending column: the form loaders and introspection store.
void normaliseIndexKeys(Index &ix);
// "btree" for an index that names no access method.
std::string indexMethod(const Index &ix);
// Columns only, ascending, btree, no predicate, INCLUDE or NULLS NOT DISTINCT: what version 1
// of the model format could say.
bool isPlainIndex(const Index &ix);
bool hasExpressionKey(const Index &ix);

} // namespace tether
