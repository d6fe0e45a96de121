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

const std::vector<std::string> &knownDialects() {
  static const std::vector<std::string> names = {"sqlite", "postgresql"};
  return names;
}

std::string dialectNamed(const std::string &word) {
  if (word == "sqlite") return "sqlite";
  if (word == "postgresql" || word == "postgres") return "postgresql";
  return "";
}

const Dialect &dialectForUrl(const std::string &url) {
  return parseDbUrl(url).scheme == "sqlite" ? sqliteDialect() : postgresDialect();
}

const Dialect &dialectByName(const std::string &name) {
  std::string known = dialectNamed(name);
  if (known == "sqlite") return sqliteDialect();
  if (known == "postgresql") return postgresDialect();
  throw Error("unknown dialect '" + name + "'", {}, "use sqlite or postgresql");
}

} // namespace tether
