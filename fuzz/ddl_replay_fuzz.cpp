// libFuzzer target: any bytes given to the offline PostgreSQL replay (`migrate check` without
// --dev-db) end in a schema or a tether::Error naming file:line, never a crash, a hang, another
// exception or a sanitizer report.
#include "core/error.h"
#include "dialect/postgres/pg_ddl_replay.h"
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string sql(reinterpret_cast<const char *>(data), size);
  for (bool transactional : {true, false}) {
    try {
      // Twice in one history too: the second copy meets the objects the first one made.
      tether::pg::replayDdl({{"fuzz.sql", sql, transactional}, {"again.sql", sql, transactional}});
    } catch (const tether::Error &e) {
      if (e.where().known() && e.where().line < 1) __builtin_trap();
    }
  }
  return 0;
}
