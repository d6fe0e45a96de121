#include "lint/data_judge.h"
#include "core/strings.h"
#include "dialect/connection.h"
#include <cstdlib>
#include <exception>

namespace tether::lint {

namespace {
std::string plural(long long n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
} // namespace

std::string DataJudge::table(const Operation &op) const {
  const Dialect &d = db_.dialect();
  return op.schema.empty() ? d.quoteIdent(op.table) : d.quoteIdent(op.schema) + "." + d.quoteIdent(op.table);
}

std::string DataJudge::placeholder() const {
  return db_.dialect().name() == "postgresql" ? "CAST($1 AS integer)" : "CAST(? AS integer)";
}

std::optional<long long> DataJudge::count(const std::string &sql, const std::vector<std::string> &params) {
  try {
    auto rows = db_.query(sql, params);
    if (rows.empty() || rows[0].empty() || !rows[0][0]) return 0;
    return std::stoll(*rows[0][0]);
  } catch (const std::exception &) {
    return std::nullopt; // the table or column is not there yet
  }
}

std::optional<long long> DataJudge::rowsUpTo(const Operation &op) {
  std::string k = table(op);
  auto it = rowCounts_.find(k);
  if (it != rowCounts_.end()) return it->second;
  // Bounded, so a huge table costs no full scan.
  auto n = count("SELECT count(*) FROM (SELECT 1 FROM " + k + " LIMIT " + std::to_string(kLockRowThreshold) +
                 ") AS sample");
  rowCounts_[k] = n;
  return n;
}

void DataJudge::judgeLock(Candidate &c) {
  auto n = rowsUpTo(c.op);
  if (!n) return;
  Finding &f = c.finding;
  if (*n < kLockRowThreshold) {
    f.severity = Severity::Info;
    f.message += " (" + c.op.table + " has " + plural(*n, "row", "rows") + ": the lock is brief)";
  } else {
    f.message += " (" + c.op.table + " has at least " + std::to_string(kLockRowThreshold) + " rows)";
  }
}

bool DataJudge::isVarcharWidening(const Operation &op, std::string &current) {
  if (db_.dialect().name() != "postgresql") return false;
  try {
    auto rows =
        db_.query("SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a "
                  "WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped",
                  {table(op), op.column});
    if (rows.empty() || rows[0].empty() || !rows[0][0]) return false;
    current = *rows[0][0];
  } catch (const std::exception &) {
    return false;
  }
  const std::string prefix = "character varying";
  if (current.compare(0, prefix.size(), prefix) != 0) return false;
  if (op.baseType == "text" || (op.baseType == "varchar" && op.typeLength < 0)) return true;
  if (op.baseType != "varchar") return false;
  size_t open = current.find('(');
  if (open == std::string::npos) return false; // unbounded to bounded: narrowing
  return op.typeLength >= std::atoll(current.c_str() + open + 1);
}

bool DataJudge::judge(Candidate &c) {
  judgeData(c);
  return !c.dataOnly || c.finding.severity == Severity::Error;
}

void DataJudge::judgeData(Candidate &c) {
  const Dialect &d = db_.dialect();
  Finding &f = c.finding;
  const Operation &op = c.op;
  std::string check = f.check;
  if (check == "add-unique-constraint" && !op.columns.empty()) {
    std::vector<std::string> cols, notNull;
    for (const auto &col : op.columns) {
      cols.push_back(d.quoteIdent(col));
      notNull.push_back(d.quoteIdent(col) + " IS NOT NULL");
    }
    // NULLs never collide in a unique constraint; a primary key refuses them outright.
    std::string where = op.constraint == ConstraintKind::PrimaryKey ? "" : " WHERE " + join(notNull, " AND ");
    auto dup = count("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + table(op) + where +
                     " GROUP BY " + join(cols, ", ") + " HAVING count(*) > 1) AS dup");
    if (!dup) return;
    std::string what = op.constraint == ConstraintKind::PrimaryKey ? "PRIMARY KEY" : "UNIQUE";
    if (*dup > 0) {
      f.severity = Severity::Error;
      f.count = *dup;
      std::string failure = plural(*dup, "row shares", "rows share") + " a value";
      f.message = c.dataOnly ? f.message + ": will fail, " + failure
                             : "adding " + what + " (" + join(op.columns, ", ") + ") will fail: " + failure;
    } else {
      f.severity = Severity::Info;
      f.message += " (none do today)";
    }
  } else if (check == "set-not-null") {
    auto nulls =
        count("SELECT count(*) FROM " + table(op) + " WHERE " + d.quoteIdent(op.column) + " IS NULL");
    if (!nulls) return;
    if (*nulls > 0) {
      f.severity = Severity::Error;
      f.count = *nulls;
      std::string failure = plural(*nulls, "row is", "rows are") + " NULL in " + op.table + "." + op.column;
      f.message = c.dataOnly ? f.message + ": will fail, " + failure : "SET NOT NULL will fail: " + failure;
    } else {
      f.severity = Severity::Info;
      f.message += " (no row is NULL today)";
    }
  } else if (check == "add-not-null-column-without-default") {
    auto n = rowsUpTo(op);
    if (!n) return;
    if (*n > 0) {
      f.severity = Severity::Error;
      f.message =
          "adding NOT NULL column " + op.table + "." + op.column +
          " without a default will fail: " + op.table + " has " +
          (*n >= kLockRowThreshold ? "at least " + std::to_string(*n) + " rows" : plural(*n, "row", "rows"));
    } else {
      f.severity = Severity::Info;
      f.message += " (" + op.table + " is empty today)";
    }
  } else if (std::string current; (check == "narrowing-type-change" || check == "column-type-rewrite") &&
                                  isVarcharWidening(op, current)) {
    f.severity = Severity::Info;
    f.message = "changing " + op.table + "." + op.column + " from " + current + " to " + op.typeName +
                " widens it: no rewrite, every value fits";
  } else if (check == "narrowing-type-change" && op.typeLength >= 0 &&
             (op.baseType == "varchar" || op.baseType == "bpchar" || op.baseType == "char" ||
              op.baseType == "character")) {
    auto longer = count("SELECT count(*) FROM " + table(op) + " WHERE length(" + d.quoteIdent(op.column) +
                            ") > " + placeholder(),
                        {std::to_string(op.typeLength)});
    if (!longer) return;
    if (*longer > 0) {
      f.severity = Severity::Error;
      f.count = *longer;
      f.message = "changing " + op.table + "." + op.column + " to " + op.typeName +
                  " will fail: " + plural(*longer, "value is", "values are") + " longer than " +
                  std::to_string(op.typeLength) + " characters";
    } else {
      f.severity = Severity::Info;
      f.message += " (every value fits today)";
    }
  } else if (c.rule && c.rule->category == RuleCategory::LockUnsafe &&
             check != "concurrently-in-transaction" && check != "missing-lock-timeout") {
    judgeLock(c);
  }
}

} // namespace tether::lint
