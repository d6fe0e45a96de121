#include "lint/data_judge.h"
#include "core/strings.h"
#include "dialect/connection.h"
#include "lint/type_change.h"
#include <cstdlib>
#include <exception>

namespace tether::lint {

std::string DataJudge::table(const Operation &op) const {
  const Dialect &d = db_.dialect();
  return op.schema.empty() ? d.quoteIdent(op.table) : d.quoteIdent(op.schema) + "." + d.quoteIdent(op.table);
}

std::string DataJudge::placeholder() const {
  return "CAST(" + db_.dialect().parameter(1) + " AS integer)";
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
    f.message += " (" + c.op.table + " has " + countOf(*n, "row", "rows") + ": the lock is brief)";
  } else {
    f.message += " (" + c.op.table + " has at least " + std::to_string(kLockRowThreshold) + " rows)";
  }
}

bool DataJudge::isVarcharWidening(const Operation &op, std::string &current) {
  const std::string &sql = db_.dialect().catalog().columnType;
  if (sql.empty()) return false;
  try {
    auto rows = db_.query(sql, {table(op), op.column});
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
    // NULLs never collide (a primary key refuses them outright, counted apart below).
    std::string where = " WHERE " + join(notNull, " AND ");
    auto dup = count("SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM " + table(op) + where +
                     " GROUP BY " + join(cols, ", ") + " HAVING count(*) > 1) AS dup");
    if (!dup) return;
    std::string what = op.constraint == ConstraintKind::PrimaryKey ? "PRIMARY KEY" : "UNIQUE";
    if (op.constraint == ConstraintKind::PrimaryKey) {
      std::vector<std::string> isNull;
      for (const auto &col : op.columns)
        isNull.push_back(d.quoteIdent(col) + " IS NULL");
      auto nulls = count("SELECT count(*) FROM " + table(op) + " WHERE " + join(isNull, " OR "));
      if (nulls && *nulls > 0) {
        f.severity = Severity::Error;
        f.count = *nulls + *dup;
        f.message = "adding PRIMARY KEY (" + join(op.columns, ", ") +
                    ") will fail: " + countOf(*nulls, "row has", "rows have") + " NULL in the key" +
                    (*dup > 0 ? " and " + countOf(*dup, "row shares", "rows share") + " a value" : "");
        return;
      }
    }
    if (*dup > 0) {
      f.severity = Severity::Error;
      f.count = *dup;
      std::string failure = countOf(*dup, "row shares", "rows share") + " a value";
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
      std::string failure = countOf(*nulls, "row is", "rows are") + " NULL in " + op.table + "." + op.column;
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
          (*n >= kLockRowThreshold ? "at least " + std::to_string(*n) + " rows" : countOf(*n, "row", "rows"));
    } else {
      f.severity = Severity::Info;
      f.message += " (" + op.table + " is empty today)";
    }
  } else if (std::string current; (check == "narrowing-type-change" || check == "column-type-rewrite") &&
                                  op.oldTypeName.empty() && isVarcharWidening(op, current)) {
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
                  " will fail: " + countOf(*longer, "value is", "values are") + " longer than " +
                  std::to_string(op.typeLength) + " characters";
    } else {
      f.severity = Severity::Info;
      f.message += " (every value fits today)";
    }
  } else if ((check == "narrowing-type-change" || check == "column-type-rewrite") && judgeTypeChange(c)) {
    // decided by the catalog's current type
  } else if (check == "foreign-key-orphans") {
    judgeOrphans(c);
  } else if (check == "volatile-default" && judgeVolatility(c)) {
    // pg_proc says every function is STABLE or IMMUTABLE: no rewrite
  } else if (c.rule && c.rule->category == RuleCategory::LockUnsafe &&
             check != "concurrently-in-transaction" && check != "missing-lock-timeout" &&
             check != "missing-statement-timeout") {
    judgeLock(c);
  }
}

std::string DataJudge::currentType(const Operation &op) {
  const std::string &sql = db_.dialect().catalog().columnType;
  if (sql.empty()) return "";
  try {
    auto rows = db_.query(sql, {table(op), op.column});
    if (rows.empty() || rows[0].empty() || !rows[0][0]) return "";
    return *rows[0][0];
  } catch (const std::exception &) {
    return "";
  }
}

bool DataJudge::judgeTypeChange(Candidate &c) {
  const Operation &op = c.op;
  // An earlier statement of the same migration set the type: that, not the catalog, is what the
  // ALTER will see.
  std::string formatted = op.oldTypeName.empty() ? currentType(op) : op.oldTypeName;
  if (formatted.empty()) return false;
  std::string from = typeFromCatalog(formatted);
  Finding &f = c.finding;
  TypeChange change = typeChange(from, op.typeName);
  if (change == TypeChange::NoRewrite) {
    f.severity = Severity::Info;
    f.message = "changing " + op.table + "." + op.column + " from " + formatted + " to " + op.typeName +
                " is binary-coercible: no rewrite, every value fits";
    return true;
  }
  if (f.check == "column-type-rewrite") {
    f.severity = Severity::Error;
    if (op.oldTypeName.empty())
      f.message = "changing the type of " + op.table + "." + op.column + " from " + formatted + " to " +
                  op.typeName + " rewrites " + op.table + " under an ACCESS EXCLUSIVE lock";
    judgeLock(c);
    return true;
  }
  if (!typeNarrows(from, op.typeName)) {
    c.dataOnly = true; // not narrowing after all: dropped (a data-only candidate that is not an error)
    f.severity = Severity::Info;
    return true;
  }
  return false;
}

void DataJudge::judgeOrphans(Candidate &c) {
  const Operation &op = c.op;
  const Dialect &d = db_.dialect();
  std::vector<std::string> refCols = op.sourceColumns;
  if (refCols.empty()) {
    try {
      auto rows = db_.query("SELECT a.attname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON "
                            "a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indisprimary AND "
                            "i.indrelid = pg_catalog.to_regclass($1) ORDER BY a.attnum",
                            {d.quoteIdent(op.newName)});
      for (const auto &r : rows)
        if (!r.empty() && r[0]) refCols.push_back(*r[0]);
    } catch (const std::exception &) {
      return;
    }
  }
  if (refCols.size() != op.columns.size() || refCols.empty()) return;
  std::vector<std::string> notNull, match;
  for (size_t i = 0; i < refCols.size(); ++i) {
    notNull.push_back("c." + d.quoteIdent(op.columns[i]) + " IS NOT NULL");
    match.push_back("p." + d.quoteIdent(refCols[i]) + " = c." + d.quoteIdent(op.columns[i]));
  }
  auto orphans = count("SELECT count(*) FROM " + table(op) + " c WHERE " + join(notNull, " AND ") +
                       " AND NOT EXISTS (SELECT 1 FROM " + d.quoteIdent(op.newName) + " p WHERE " +
                       join(match, " AND ") + ")");
  if (!orphans || *orphans == 0) return;
  c.finding.severity = Severity::Error;
  c.finding.count = *orphans;
  c.finding.message = "adding FOREIGN KEY (" + join(op.columns, ", ") + ") to " + op.table +
                      " will fail: " + countOf(*orphans, "row points", "rows point") + " at no row of " +
                      op.newName;
  c.finding.fix = "DELETE FROM " + table(op) + " c WHERE NOT EXISTS (SELECT 1 FROM " +
                  d.quoteIdent(op.newName) + " p WHERE " + join(match, " AND ") +
                  ");  -- or fix them, before this migration";
}

bool DataJudge::judgeVolatility(Candidate &c) {
  const Operation &op = c.op;
  const CatalogQueries &catalog = db_.dialect().catalog();
  if (catalog.volatileFunctionCount.empty() || catalog.functionCount.empty() || op.functions.empty())
    return false;
  for (const auto &fn : op.functions) {
    auto volatileOnes = count(catalog.volatileFunctionCount, {fn});
    auto known = count(catalog.functionCount, {fn});
    if (!volatileOnes || !known || *known == 0 || *volatileOnes > 0) return false;
  }
  c.dataOnly = true; // every function is STABLE or IMMUTABLE: the default is computed once, dropped
  c.finding.severity = Severity::Info;
  return true;
}

} // namespace tether::lint
