#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tether::sqlite {

// A constraint that the stored CREATE TABLE text names (`CONSTRAINT name …`): the pragmas give
// unique constraints and foreign keys without their names, so these are matched to them by
// columns.
struct NamedConstraint {
  enum class Kind { PrimaryKey, Unique, ForeignKey, Check } kind = Kind::Check;
  std::string name;
  std::vector<std::string> columns;
};

std::vector<NamedConstraint> namedConstraints(std::string_view createTableSql);
// The WHERE clause of a partial index's CREATE INDEX text, "" when it has none.
std::string indexPredicate(std::string_view createIndexSql);

} // namespace tether::sqlite
