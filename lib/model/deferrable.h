#pragma once
#include <string>

namespace tether {

// When a foreign key or unique constraint is checked (SQLAlchemy's deferrable= and initially=):
// at each statement, or, when deferrable, possibly only at COMMIT. INITIALLY DEFERRED implies
// DEFERRABLE, as in the SQL standard.
struct Deferrability {
  bool deferrable = false;
  bool initiallyDeferred = false;
  bool present() const { return deferrable || initiallyDeferred; }
  bool operator==(const Deferrability &o) const {
    return present() == o.present() && initiallyDeferred == o.initiallyDeferred;
  }
  bool operator!=(const Deferrability &o) const { return !(*this == o); }
};

// " DEFERRABLE INITIALLY DEFERRED", " DEFERRABLE" or "": the standard SQL both dialects parse.
std::string deferrabilityClause(const Deferrability &d);
// "DEFERRABLE INITIALLY IMMEDIATE" / "NOT DEFERRABLE": the form ALTER CONSTRAINT needs, explicit
// both ways so the statement says where it goes.
std::string deferrabilityAlterClause(const Deferrability &d);

} // namespace tether
