#include "dialect/postgres/postgres.h"
#include "dialect/postgres/pg_connection.h"
#include "dialect/postgres/pg_dialect.h"

namespace tether {

const Dialect &postgresDialect() {
  static const pg::PostgresDialect dialect;
  return dialect;
}

std::unique_ptr<Connection> openPostgres(const DbUrl &url, const OpenOptions &opts) {
  return std::make_unique<pg::PostgresConnection>(url, opts);
}

} // namespace tether
