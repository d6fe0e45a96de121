#include "dialect/dialect.h"
#include "core/strings.h"

namespace tether {

std::string Dialect::createIndexSql(const Schema &, const std::string &table, const std::string &name,
                                    const std::vector<std::string> &columns) const {
  std::vector<std::string> quoted;
  for (const auto &c : columns)
    quoted.push_back(quoteIdent(c));
  return std::string("CREATE INDEX ") + (concurrentIndexes() ? "CONCURRENTLY " : "") + quoteIdent(name) +
         " ON " + quoteIdent(table) + " (" + join(quoted, ", ") + ");";
}

} // namespace tether
