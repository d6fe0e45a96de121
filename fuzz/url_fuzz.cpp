// libFuzzer target for database URLs: any bytes end in a DbUrl or an Error, never a crash; the
// masked forms never show a password that the URL held exactly once.
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
    const std::string &pw = u.password;
    bool once = !pw.empty() && text.find(pw) != std::string::npos && text.find(pw) == text.rfind(pw);
    if (once && pw.size() >= 8 && shown.find(pw) != std::string::npos) __builtin_trap();
    (void)u.libpqConninfo();
  } catch (const tether::Error &e) {
    (void)e.what();
  }
  return 0;
}
