#include "lint/statement_reader.h"
#include "dialect/postgres/postgres.h"
#include "lint/pg_reader.h"
#include "lint/sqlite_reader.h"

namespace tether::lint {

bool isPostgres(const Dialect &dialect) {
  return &dialect == &postgresDialect();
}

std::vector<Statement> readStatements(const Dialect &dialect, const std::string &sql) {
  // The database reads SQL as a C string: it would stop at a NUL byte, and so do the readers.
  size_t nul = sql.find('\0');
  std::string readable = nul == std::string::npos ? sql : sql.substr(0, nul);
  std::vector<Statement> out =
      isPostgres(dialect) ? readPostgresStatements(readable) : readSqliteStatements(readable);
  if (nul != std::string::npos) {
    Statement st;
    st.begin = st.errorOffset = nul;
    st.end = sql.size();
    st.syntaxError = true;
    st.errorMessage = "NUL byte: the database stops reading here and would skip the rest of the file";
    out.push_back(st);
  }
  return out;
}

} // namespace tether::lint
