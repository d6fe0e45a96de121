#include "dialect/sqlite/sqlite_fragment.h"
#include "core/error.h"
#include "core/nesting_bound.h"
#include <cctype>
#include <sqlite3.h>

namespace tether::sqlite {

namespace {
bool onlySpaceAndComments(sqlite3 *db, const char *tail) {
  if (!tail) return true;
  sqlite3_stmt *next = nullptr;
  int rc = sqlite3_prepare_v2(db, tail, -1, &next, nullptr);
  bool empty = rc == SQLITE_OK && next == nullptr;
  sqlite3_finalize(next);
  return empty;
}

void requireOneStatement(const std::string &wrapped, const std::string &fragment, const std::string &what,
                         const std::string &expected) {
  const std::string hint = "a model fragment is one " + expected + ", with no ';' and no further statement";
  if (auto deep = findExcessiveNesting(fragment))
    throw Error(what + " is too deeply nested: " + deep->message, {}, hint);
  sqlite3 *db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    sqlite3_close(db);
    throw Error("SQLite could not open an in-memory database to check " + what);
  }
  sqlite3_stmt *stmt = nullptr;
  const char *tail = nullptr;
  int rc = sqlite3_prepare_v2(db, wrapped.c_str(), -1, &stmt, &tail);
  std::string why = rc == SQLITE_OK ? "" : sqlite3_errmsg(db);
  bool ok = rc == SQLITE_OK && stmt && onlySpaceAndComments(db, tail);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  if (!ok)
    throw Error(what + " '" + fragment + "' is not a single SQLite " + expected +
                    (why.empty() ? "" : " (" + why + ")"),
                {}, hint);
}
} // namespace

void requireOneExpression(const std::string &expr, const std::string &what) {
  requireOneStatement("CREATE TABLE tether_fragment_check (c DEFAULT (" + expr + "\n))", expr, what,
                      "expression");
}

void requireOneType(const std::string &type, const std::string &what) {
  requireOneStatement("CREATE TABLE tether_fragment_check (c " + type + "\n)", type, what, "type");
}

} // namespace tether::sqlite
