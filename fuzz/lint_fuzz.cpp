// libFuzzer target: any bytes given to migrate lint, as PostgreSQL and as SQLite, end in
// findings (syntax-error at worst), never a crash, a hang or a sanitizer report.
#include "lint/lint.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string sql(reinterpret_cast<const char *>(data), size);
  for (const char *dialect : {"postgresql", "sqlite"}) {
    tether::LintOptions o;
    o.dialect = dialect;
    auto findings = tether::lintMigrationFile("fuzz.sql", sql, o);
    for (const auto &f : findings)
      if (f.location.line < 1 || f.location.column < 1) __builtin_trap();
  }
  return 0;
}
