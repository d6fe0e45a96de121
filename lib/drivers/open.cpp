#include "drivers/open.h"
#include "core/error.h"
#include "dialect/postgres/postgres.h"
#include "dialect/sqlite/sqlite.h"
#include <filesystem>

namespace tether {

std::unique_ptr<Connection> openConnection(const std::string &url, const OpenOptions &opts) {
  DbUrl u = parseDbUrl(url);
  if (u.scheme == "sqlite") return openSqlite(u, opts);
  return openPostgres(u, opts);
}

bool databaseExists(const std::string &url) {
  DbUrl u = parseDbUrl(url);
  if (u.scheme != "sqlite" || u.path == ":memory:") return true;
  std::error_code ec;
  return std::filesystem::exists(u.path, ec);
}

const Dialect &dialectByName(const std::string &name) {
  if (name == "sqlite") return sqliteDialect();
  if (name == "postgresql" || name == "postgres") return postgresDialect();
  throw Error("unknown dialect '" + name + "'", {}, "use sqlite or postgresql");
}

} // namespace tether
