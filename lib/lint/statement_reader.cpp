#include "lint/statement_reader.h"
#include "dialect/postgres/postgres.h"
#include "lint/pg_reader.h"
#include "lint/sqlite_reader.h"

namespace tether::lint {

bool isPostgres(const Dialect &dialect) {
  return &dialect == &postgresDialect();
}

std::vector<Statement> readStatements(const Dialect &dialect, const std::string &sql) {
  return isPostgres(dialect) ? readPostgresStatements(sql) : readSqliteStatements(sql);
}

} // namespace tether::lint
