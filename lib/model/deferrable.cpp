#include "model/deferrable.h"

namespace tether {

std::string deferrabilityClause(const Deferrability &d) {
  if (!d.present()) return "";
  return d.initiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
}

std::string deferrabilityAlterClause(const Deferrability &d) {
  if (!d.present()) return "NOT DEFERRABLE";
  return d.initiallyDeferred ? "DEFERRABLE INITIALLY DEFERRED" : "DEFERRABLE INITIALLY IMMEDIATE";
}

} // namespace tether
