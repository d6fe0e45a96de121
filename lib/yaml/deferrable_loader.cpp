#include "yaml/deferrable_loader.h"
#include "core/strings.h"
#include <optional>

namespace tether::yamlin {

void loadDeferrable(const std::string &file, const std::vector<Entry> &es, Deferrability &out,
                    Diagnostics &diags, const std::string &what) {
  std::optional<bool> deferrable;
  const Entry *initially = nullptr;
  for (const auto &e : es) {
    if (e.key == "deferrable") {
      bool b;
      if (asBool(file, e.value, b, diags, "'deferrable' of " + what)) deferrable = b;
    } else if (e.key == "initially") {
      std::string v;
      if (!asString(file, e.value, v, diags, "'initially' of " + what)) continue;
      const std::string up = toUpper(trim(v));
      if (up != "DEFERRED" && up != "IMMEDIATE") {
        diags.error(locOf(file, e.value), "bad-deferrable",
                    "'initially' of " + what + " must be DEFERRED or IMMEDIATE, not '" + v + "'",
                    "SQLAlchemy's initially='DEFERRED'");
        continue;
      }
      out.initiallyDeferred = up == "DEFERRED";
      initially = &e;
    }
  }
  out.deferrable = deferrable.value_or(out.initiallyDeferred);
  if (initially && out.initiallyDeferred && deferrable == false) {
    diags.error(locOf(file, initially->value), "bad-deferrable",
                what + " is INITIALLY DEFERRED but not deferrable",
                "write deferrable: true, or drop initially:");
    out.initiallyDeferred = false;
  }
}

} // namespace tether::yamlin
