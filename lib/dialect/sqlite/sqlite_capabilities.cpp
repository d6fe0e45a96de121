#include "dialect/sqlite/sqlite_dialect.h"

namespace tether::sqlite {

// SQLite binds `?`; it has no timestamp type (ISO-8601 text sorts and compares as time), and its
// catalog is the table_info pragma.
std::string SqliteDialect::parameter(int) const {
  return "?";
}

const RevisionTableSql &SqliteDialect::revisionTable() const {
  static const RevisionTableSql sql{"TEXT",
                                    "TEXT",
                                    "INTEGER",
                                    "INTEGER",
                                    "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                                    "CAST((julianday('now') - julianday({})) * 86400000 AS INTEGER)",
                                    "CAST({} AS TEXT)",
                                    false};
  return sql;
}

const CatalogQueries &SqliteDialect::catalog() const {
  static const CatalogQueries q{"SELECT name FROM pragma_table_info(?)", "", "", ""};
  return q;
}

} // namespace tether::sqlite
