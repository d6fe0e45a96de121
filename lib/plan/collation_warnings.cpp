#include "plan/collation_warnings.h"

namespace tether {

std::vector<std::string> collationWarnings(const Plan &plan) {
  std::vector<std::string> out;
  auto name = [](const std::string &c) { return c.empty() ? std::string("the default collation") : c; };
  for (const auto &change : plan.changes) {
    const auto *alter = change.get<step::AlterColumn>();
    if (!alter) continue;
    const auto &c = *alter;
    if (c.typeChanged && c.column.collation != c.oldColumn.collation)
      out.push_back("plan: changing the collation of " + c.table + "." + c.column.name + " from " +
                    name(c.oldColumn.collation) + " to " + name(c.column.collation) + " rewrites " + c.table +
                    " and rebuilds the indexes on the column, the table locked meanwhile");
  }
  return out;
}

} // namespace tether
