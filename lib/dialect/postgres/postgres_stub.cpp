// Placeholder until the postgres dialect lands; replaced by the real implementation.
#include "dialect/postgres/postgres.h"
#include "core/error.h"

namespace tether {
const Dialect &postgresDialect() { throw Error("the postgres dialect is not built yet"); }
std::unique_ptr<Connection> openPostgres(const DbUrl &, const OpenOptions &) {
  throw Error("the postgres dialect is not built yet");
}
} // namespace tether
