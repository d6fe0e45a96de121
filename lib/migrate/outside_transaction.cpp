#include "migrate/outside_transaction.h"
#include "core/error.h"
#include "core/strings.h"
#include "migrate/drift_check.h"
#include "migrate/sql_split.h"
#include "migrate/transaction_marker.h"
#include <cctype>

namespace tether {

namespace {
struct Outcome {
  size_t ran = 0;       // statements whose effect is committed
  std::string failedAt; // file:line of the failing statement, "" when all ran
  std::string message;
};

bool rollsBackToSavepoint(const std::string &sql) {
  std::string up = " " + toUpper(sql) + " ";
  for (char &c : up)
    if (std::isspace(static_cast<unsigned char>(c))) c = ' ';
  return up.find(" TO ") != std::string::npos;
}

// Runs the statements, calling `stamp(ran)` after each one that committed. The file's own
// transaction blocks are followed, so a count never claims a statement a ROLLBACK undid.
template <class Stamp>
Outcome runOneByOne(Connection &db, const std::string &file, const std::vector<SqlStatement> &stmts,
                    Stamp stamp) {
  Outcome o;
  long openedAt = -1; // index of the BEGIN the file opened and has not yet closed
  for (size_t i = 0; i < stmts.size(); ++i) {
    const std::string kw = transactionControlKeyword(stmts[i].sql);
    try {
      db.execute(stmts[i].sql);
    } catch (const std::exception &e) {
      o.failedAt = file + ":" + std::to_string(codeLine(stmts[i].sql, stmts[i].line));
      o.message = e.what();
      if (openedAt >= 0) {
        // PostgreSQL refuses everything in an aborted block; SQLite keeps it open. Either way the
        // block's statements did not happen.
        try {
          db.execute("ROLLBACK");
        } catch (const std::exception &) {
        }
        o.ran = static_cast<size_t>(openedAt);
      }
      return o;
    }
    if (kw == "BEGIN" || kw == "START TRANSACTION") {
      openedAt = static_cast<long>(i);
    } else if (kw == "COMMIT" || kw == "END") {
      openedAt = -1;
    } else if (kw == "ROLLBACK" || kw == "ABORT") {
      if (openedAt >= 0 && !rollsBackToSavepoint(stmts[i].sql)) {
        o.ran = static_cast<size_t>(openedAt);
        openedAt = -1;
      }
    }
    o.ran = i + 1;
    if (openedAt < 0) stamp(o.ran);
  }
  return o;
}
} // namespace

void applyOutsideTransaction(Connection &db, const MigrationDir &dir, const MigrationFile &m) {
  const Dialect &d = db.dialect();
  const auto stmts = splitSqlScript(m.upSql, d);
  const std::string file = dir.path + "/" + m.upFile;
  // The record goes first: a concurrent run fails on its primary key instead of running twice.
  db.execute(recordDirtyStatement(d, m, stmts.size()));
  Outcome o = runOneByOne(
      db, file, stmts, [&](size_t ran) { db.execute(progressStatement(d, m.version, ran, stmts.size())); });
  if (o.failedAt.empty()) {
    db.execute(cleanStatement(d, m.version));
    return;
  }
  db.execute(failedStatement(d, m.version, o.ran, "up failed at " + o.failedAt + ": " + o.message));
  throw Error("migration " + file + " (run outside a transaction, " + kNoTransactionMarker + ") failed at " +
                  o.failedAt + " after " + std::to_string(o.ran) + " of " + std::to_string(stmts.size()) +
                  " statement(s) had run; those stay done and the version is recorded as dirty:\n" +
                  o.message,
              SourceLoc{file, 0, 0},
              "see tether migrate status; finish or undo the remaining statements by hand, then record the "
              "outcome with tether migrate baseline " +
                  m.version + " (checks the schema first) or delete its row from " + kRevisionTable);
}

void revertOutsideTransaction(Connection &db, const MigrationDir &dir, const MigrationFile &m,
                              const AppliedVersion &applied) {
  const Dialect &d = db.dialect();
  const auto stmts = splitSqlScript(m.downSql, d);
  const std::string file = dir.path + "/" + m.downFile;
  db.execute(progressStatement(d, applied.version, 0, stmts.size()));
  Outcome o = runOneByOne(db, file, stmts, [&](size_t ran) {
    db.execute(progressStatement(d, applied.version, ran, stmts.size()));
  });
  if (o.failedAt.empty()) {
    db.execute(forgetStatement(d, applied.version));
    return;
  }
  db.execute(failedStatement(d, applied.version, o.ran, "down failed at " + o.failedAt + ": " + o.message));
  throw Error(
      "reverting " + file + " (run outside a transaction) failed at " + o.failedAt + " after " +
          std::to_string(o.ran) + " of " + std::to_string(stmts.size()) +
          " statement(s) had run; the version is recorded as dirty:\n" + o.message,
      SourceLoc{file, 0, 0},
      "see tether migrate status; finish or undo the remaining statements by hand, then tether migrate "
      "baseline (if the version should stay) or delete its row from " +
          std::string(kRevisionTable));
}

void replayVersion(Connection &scratch, const MigrationFile &m) {
  if (!hasNoTransactionMarker(m.upSql)) {
    scratch.apply(scriptSteps(m.upFile, m.upSql, scratch.dialect()));
    return;
  }
  Outcome o = runOneByOne(scratch, m.upFile, splitSqlScript(m.upSql, scratch.dialect()), [](size_t) {});
  if (!o.failedAt.empty()) throw Error(o.failedAt + ": " + o.message);
}

} // namespace tether
