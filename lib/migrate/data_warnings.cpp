#include "migrate/data_warnings.h"
#include "audit/orphan_check.h"
#include "core/strings.h"
#include "dialect/connection.h"
#include "lint/lint.h"
#include "plan/collation_warnings.h"
#include "plan/dependency_warnings.h"
#include "plan/plan_format.h"

namespace tether {

std::vector<std::string> liveDataWarnings(Connection &db, const std::string &label, const std::string &sql) {
  LintOptions o;
  o.dialect = db.dialect().name();
  o.db = &db;
  std::vector<std::string> out;
  std::vector<Finding> findings;
  try {
    findings = lintMigrationFile(label, sql, o);
  } catch (const std::exception &) {
    return out; // a warning pass must never stop the plan; the statements' own errors will speak
  }
  for (const auto &f : findings) {
    if (f.severity != Severity::Error || f.message.find("will fail") == std::string::npos) continue;
    out.push_back(f.location.str() + ": " + f.message);
  }
  return out;
}

std::vector<std::string> planDataWarnings(Connection &db, const Plan &plan, const Schema &live) {
  std::vector<std::string> out = liveDataWarnings(db, "plan", planToSql(plan));
  const Dialect &d = db.dialect();
  for (const auto &change : plan.changes) {
    const auto *add = change.get<step::AddForeignKey>();
    if (!add) continue;
    const auto &c = *add;
    // Another schema's table is not introspected: its count runs anyway (a missing table only loses
    // the warning), as the audit's does.
    if (!live.table(c.table) || (c.fk.refSchema.empty() && !live.table(c.fk.refTable))) continue;
    try {
      auto rows = db.query(orphanCountSql(d, c.table, c.fk, live.table(c.table)));
      long long n = rows.empty() || rows[0].empty() ? 0 : std::atoll(rows[0][0].value_or("0").c_str());
      if (n <= 0) continue;
      std::string range = rows[0].size() > 2 && rows[0][1]
                              ? " (keys " + *rows[0][1] + " to " + rows[0][2].value_or("?") + ")"
                              : "";
      out.push_back("plan: adding the foreign key " + c.table + " (" + join(c.fk.columns, ", ") + ") -> " +
                    c.fk.refTable + " will fail: " + std::to_string(n) + " orphan row" + (n == 1 ? "" : "s") +
                    range + " match no " + c.fk.refTable + " row");
    } catch (const std::exception &) {
      // A count that cannot run only loses the warning.
    }
  }
  return out;
}

std::vector<std::string> planRunWarnings(Connection &db, const Plan &plan, const Schema &live,
                                         bool databaseExisted) {
  std::vector<std::string> out;
  if (databaseExisted) out = planDataWarnings(db, plan, live);
  for (auto &w : dependencyWarnings(plan, live))
    out.push_back(std::move(w));
  for (auto &w : collationWarnings(plan))
    out.push_back(std::move(w));
  return out;
}

} // namespace tether
