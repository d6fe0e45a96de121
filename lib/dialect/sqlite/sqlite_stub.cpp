// Placeholder until the sqlite dialect lands; replaced by the real implementation.
#include "dialect/sqlite/sqlite.h"
#include "core/error.h"

namespace tether {
const Dialect &sqliteDialect() { throw Error("the sqlite dialect is not built yet"); }
std::unique_ptr<Connection> openSqlite(const DbUrl &, const OpenOptions &) {
  throw Error("the sqlite dialect is not built yet");
}
} // namespace tether
