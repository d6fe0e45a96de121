#pragma once
#include "core/source_loc.h"
#include <optional>
#include <string>

namespace tether {

// A named sequence a column draws its numbers from (SQLAlchemy's Sequence(name, start=,
// increment=, schema=)). It is an object of its own, not owned by the column, as create_all()
// makes it: the column itself carries no default unless the model gives it one
// (server_default: nextval('name'), SQLAlchemy's server_default=seq.next_value()). Several columns
// may share one sequence. Unset options are the database's defaults (start 1, increment 1).
struct Sequence {
  std::string name; // empty: the column has no sequence
  std::string schema;
  std::optional<long long> start;
  std::optional<long long> increment;
  SourceLoc loc;

  bool present() const { return !name.empty(); }
  // "schema.name", or the name alone in the default schema.
  std::string qualifiedName() const { return schema.empty() ? name : schema + "." + name; }
  bool sameOptions(const Sequence &o) const {
    return start.value_or(1) == o.start.value_or(1) && increment.value_or(1) == o.increment.value_or(1);
  }
};

} // namespace tether
