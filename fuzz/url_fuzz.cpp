// libFuzzer target for database URLs: any bytes end in a DbUrl or an Error, never a crash; the
// masked form of a parsed URL never depends on its password.
#include "core/error.h"
#include "drivers/url.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string blind = tether::maskUrl(text);
  (void)blind;
  try {
    tether::DbUrl u = tether::parseDbUrl(text);
    std::string shown = u.masked();
    // The masked form must not depend on the password at all: the same URL with another password
    // prints the same. (Searching the output for the password text gives false alarms: a password
    // may coincide with the mask's own "u:***" or with a host or database name spelt with %XX.)
    if (u.scheme != "sqlite" && !u.password.empty()) {
      tether::DbUrl other = u;
      other.password = u.password == "other" ? "another" : "other";
      if (other.masked() != shown) __builtin_trap();
    }
    (void)u.libpqConninfo();
  } catch (const tether::Error &e) {
    (void)e.what();
  }
  return 0;
}
