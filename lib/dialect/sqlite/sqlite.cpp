#include "dialect/sqlite/sqlite.h"
#include "dialect/sqlite/sqlite_connection.h"
#include "dialect/sqlite/sqlite_dialect.h"

namespace tether {

const Dialect &sqliteDialect() {
  static const sqlite::SqliteDialect d;
  return d;
}

std::unique_ptr<Connection> openSqlite(const DbUrl &url, const OpenOptions &opts) {
  return std::make_unique<sqlite::SqliteConnection>(url, opts);
}

} // namespace tether
