#include "dialect/sqlite/sqlite_connection.h"
#include "core/error.h"
#include "dialect/sqlite/sqlite.h"
#include "dialect/sqlite/sqlite_handle.h"
#include "dialect/sqlite/sqlite_introspect.h"
#include <set>

namespace tether::sqlite {

SqliteConnection::SqliteConnection(const DbUrl &url, const OpenOptions &opts) : url_(url) {
  int flags = opts.readOnly ? SQLITE_OPEN_READONLY
                            : SQLITE_OPEN_READWRITE | (opts.createIfMissing ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(url.path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open SQLite database '" + url.path + "': " + msg, {},
                opts.readOnly || !opts.createIfMissing ? "check the path; the file must already exist"
                                                       : "check the path and its permissions",
                ErrorKind::Connection);
  }
  sqlite3_busy_timeout(db_, 5000);
  timeoutMs_ = opts.statementTimeoutMs;
  // A file that is not a database fails on first read; make that happen here, with the path.
  try {
    runQuery(db_, "SELECT count(*) FROM sqlite_master");
  } catch (const Error &e) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot read SQLite database '" + url.path + "': " + e.what(), {},
                "is it a SQLite database?");
  }
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close(db_);
}

const Dialect &SqliteConnection::dialect() const {
  return sqliteDialect();
}

Schema SqliteConnection::introspect() {
  return sqlite::introspect(db_);
}

void SqliteConnection::armDeadline() {
  if (timeoutMs_ <= 0) return;
  deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs_);
  sqlite3_progress_handler(
      db_, 10000,
      [](void *self) -> int {
        auto *c = static_cast<SqliteConnection *>(self);
        return std::chrono::steady_clock::now() > c->deadline_ ? 1 : 0;
      },
      this);
}

void SqliteConnection::disarmDeadline() {
  if (timeoutMs_ > 0) sqlite3_progress_handler(db_, 0, nullptr, nullptr);
}

std::vector<Row> SqliteConnection::query(const std::string &sql, const std::vector<std::string> &params) {
  armDeadline();
  try {
    auto rows = runQuery(db_, sql, params);
    disarmDeadline();
    return rows;
  } catch (const Error &e) {
    disarmDeadline();
    if (sqlite3_errcode(db_) == SQLITE_INTERRUPT)
      throw Error("statement timeout: interrupted after " + std::to_string(timeoutMs_) + " ms", {},
                  "raise --timeout, or run the check at a quieter time", ErrorKind::Timeout);
    throw;
  }
}

std::optional<std::vector<NativeOrphanCount>> SqliteConnection::nativeOrphanCounts() {
  std::vector<NativeOrphanCount> out;
  try {
    auto groups = query("SELECT \"table\", \"parent\", fkid, count(*) FROM pragma_foreign_key_check "
                        "GROUP BY \"table\", \"parent\", fkid");
    for (const auto &g : groups) {
      NativeOrphanCount n;
      n.table = g[0].value_or("");
      n.refTable = g[1].value_or("");
      n.count = std::stoll(g[3].value_or("0"));
      for (const auto &c :
           query("SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE id = CAST(? AS INTEGER) ORDER BY seq",
                 {n.table, g[2].value_or("")}))
        n.columns.push_back(c[0].value_or(""));
      // The checker walks the table in rowid order and stops at the LIMIT: a cheap way to a
      // few examples, where a NOT EXISTS query may scan an index to its end first.
      std::string cols;
      for (const auto &c : n.columns)
        cols += (cols.empty() ? "" : ", ") + sqliteDialect().quoteIdent(c);
      for (const auto &r :
           query("SELECT rowid FROM pragma_foreign_key_check(?) WHERE fkid = CAST(? AS INTEGER) "
                 "AND rowid IS NOT NULL LIMIT 3",
                 {n.table, g[2].value_or("")})) {
        auto vals =
            query("SELECT " + cols + " FROM " + sqliteDialect().quoteIdent(n.table) + " WHERE rowid = ?",
                  {r[0].value_or("")});
        if (!vals.empty()) n.examples.push_back(vals[0]);
      }
      out.push_back(n);
    }
  } catch (const Error &) {
    // A schema the checker rejects (an FK to a non-unique parent key): the generic queries decide.
    return std::nullopt;
  }
  return out;
}

void SqliteConnection::execute(const std::string &sql) {
  runStatement(db_, sql);
}

namespace {
std::string pragmaValue(sqlite3 *db, const std::string &name) {
  auto rows = runQuery(db, "PRAGMA " + name);
  return rows.empty() || rows[0].empty() ? "" : rows[0][0].value_or("");
}
} // namespace

void SqliteConnection::runInTransaction(const std::vector<SqlStep> &steps) {
  auto triggers = runQuery(db_, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'");
  runStatement(db_, "BEGIN IMMEDIATE");
  size_t n = 0;
  try {
    for (const auto &step : steps) {
      ++n;
      if (!step.transactional) continue;
      auto rows = runScript(db_, step.sql);
      if (!rows.empty()) {
        std::string detail;
        for (const auto &v : rows[0])
          detail += (detail.empty() ? "" : ", ") + v.value_or("NULL");
        throw Error("a check of the plan found " + std::to_string(rows.size()) +
                    " violating row(s) (first: " + detail + ")\n  in statement: " + step.sql);
      }
    }
    std::set<std::string> present;
    for (const auto &r : runQuery(db_, "SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')"))
      present.insert(r[0].value_or(""));
    for (const auto &t : triggers)
      if (!present.count(t[0].value_or("")) && present.count(t[1].value_or("")) && t[2])
        runStatement(db_, *t[2]);
    runStatement(db_, "COMMIT");
  } catch (const Error &e) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "PRAGMA legacy_alter_table = OFF", nullptr, nullptr, nullptr);
    throw Error("apply failed at step " + std::to_string(n) + " of " + std::to_string(steps.size()) +
                    "; the transaction was rolled back and nothing changed\n" + e.what(),
                {}, e.hint());
  }
}

void SqliteConnection::apply(const std::vector<SqlStep> &steps) {
  if (steps.empty()) return;
  const bool foreignKeysWereOn = pragmaValue(db_, "foreign_keys") == "1";
  runStatement(db_, "PRAGMA foreign_keys = OFF");
  if (pragmaValue(db_, "foreign_keys") != "0")
    throw Error("could not switch SQLite foreign keys off before changing the schema; nothing was changed",
                {}, "is a transaction already open on this connection?");
  struct Restore {
    sqlite3 *db;
    bool on;
    ~Restore() {
      if (on) sqlite3_exec(db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }
  } restore{db_, foreignKeysWereOn};
  runInTransaction(steps);
  for (const auto &step : steps)
    if (!step.transactional) runScript(db_, step.sql);
}

} // namespace tether::sqlite
