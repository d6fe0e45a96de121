#pragma once
#include <optional>
#include <string>

namespace tether {

// A column the database computes from the row's other columns (SQLAlchemy's Computed): it has no
// default and takes no writes. `stored` unset is the dialect's own choice, as SQLAlchemy leaves it
// (PostgreSQL stores it; SQLite computes it on read).
struct ComputedColumn {
  std::string sql;
  std::optional<bool> stored;
  bool present() const { return !sql.empty(); }
};

// An identity column (SQLAlchemy's Identity; SQL standard GENERATED … AS IDENTITY), which a
// database keeps apart from a serial's sequence default: both number rows, only one is an identity.
// Unset options are the database's defaults (start 1, increment 1).
struct IdentityColumn {
  bool present = false;
  bool always = false; // GENERATED ALWAYS: writes of the column are refused unless overridden
  std::optional<long long> start;
  std::optional<long long> increment;
  bool operator==(const IdentityColumn &o) const {
    return present == o.present && always == o.always && start.value_or(1) == o.start.value_or(1) &&
           increment.value_or(1) == o.increment.value_or(1);
  }
  bool operator!=(const IdentityColumn &o) const { return !(*this == o); }
};

} // namespace tether
