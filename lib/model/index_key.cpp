#include "model/index_key.h"
#include "model/schema.h"
#include <algorithm>

namespace tether {

IndexKey indexKeyAt(const Index &ix, size_t i) {
  IndexKey k = i < ix.keys.size() ? ix.keys[i] : IndexKey{};
  if (k.order == "asc") k.order.clear();
  const std::string defaultNulls = k.order == "desc" ? "first" : "last";
  if (k.nulls == defaultNulls) k.nulls.clear();
  return k;
}

void normaliseIndexKeys(Index &ix) {
  std::vector<IndexKey> keys;
  bool plain = true;
  for (size_t i = 0; i < ix.columns.size(); ++i) {
    keys.push_back(indexKeyAt(ix, i));
    if (keys.back() != IndexKey{}) plain = false;
  }
  ix.keys = plain ? std::vector<IndexKey>{} : keys;
  ix.hasExpressions = hasExpressionKey(ix);
}

std::string indexMethod(const Index &ix) {
  return ix.method.empty() ? "btree" : ix.method;
}

bool hasExpressionKey(const Index &ix) {
  return std::any_of(ix.keys.begin(), ix.keys.end(), [](const IndexKey &k) { return k.expression; });
}

bool isPlainIndex(const Index &ix) {
  for (size_t i = 0; i < ix.columns.size(); ++i)
    if (indexKeyAt(ix, i) != IndexKey{}) return false;
  return indexMethod(ix) == "btree" && ix.predicate.empty() && ix.include.empty() && !ix.nullsNotDistinct &&
         !ix.hasExpressions;
}

} // namespace tether
