#include "dialect/sqlite/sqlite_handle.h"
#include "core/error.h"

namespace tether::sqlite {

namespace {
[[noreturn]] void fail(sqlite3 *db, const std::string &sql) {
  throw Error(std::string("SQLite: ") + sqlite3_errmsg(db) + "\n  in statement: " + sql);
}
} // namespace

std::vector<Row> runQuery(sqlite3 *db, const std::string &sql, const std::vector<std::string> &params) {
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    fail(db, sql);
  struct Finalize {
    sqlite3_stmt *s;
    ~Finalize() { sqlite3_finalize(s); }
  } guard{stmt};
  if (!stmt) return {};
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt))
    throw Error("statement expects " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                " parameters, got " + std::to_string(params.size()) + "\n  in statement: " + sql);
  for (size_t i = 0; i < params.size(); ++i)
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(), static_cast<int>(params[i].size()),
                      SQLITE_TRANSIENT);
  std::vector<Row> rows;
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail(db, sql);
    Row row;
    for (int c = 0, n = sqlite3_column_count(stmt); c < n; ++c) {
      if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
        row.emplace_back(std::nullopt);
      } else {
        const unsigned char *text = sqlite3_column_text(stmt, c);
        row.emplace_back(std::string(reinterpret_cast<const char *>(text), sqlite3_column_bytes(stmt, c)));
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<Row> runScript(sqlite3 *db, const std::string &sql) {
  std::vector<Row> rows;
  const char *rest = sql.c_str();
  const char *end = rest + sql.size();
  while (rest < end) {
    sqlite3_stmt *stmt = nullptr;
    const char *tail = nullptr;
    if (sqlite3_prepare_v2(db, rest, static_cast<int>(end - rest), &stmt, &tail) != SQLITE_OK) fail(db, sql);
    if (!stmt) break; // only whitespace or comments left
    std::string one(rest, static_cast<size_t>(tail - rest));
    sqlite3_finalize(stmt);
    for (auto &r : runQuery(db, one))
      rows.push_back(std::move(r));
    rest = tail;
  }
  return rows;
}

std::vector<Row> runOneStatement(sqlite3 *db, const std::string &sql) {
  sqlite3_stmt *stmt = nullptr;
  const char *tail = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt, &tail) != SQLITE_OK)
    fail(db, sql);
  sqlite3_finalize(stmt);
  if (tail && *tail) {
    sqlite3_stmt *next = nullptr;
    int rc = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
    sqlite3_finalize(next);
    if (rc != SQLITE_OK || next)
      throw Error(
          "a plan step holds more than one statement; tether runs exactly one per step\n  in statement: " +
          sql);
  }
  return runQuery(db, sql);
}

void runStatement(sqlite3 *db, const std::string &sql) {
  char *err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw Error("SQLite: " + msg + "\n  in statement: " + sql);
  }
}

} // namespace tether::sqlite
