#pragma once
// Helpers for tests against real SQLite files.
#include "dialect/connection.h"
#include "drivers/open.h"
#include "plan/plan.h"
#include "support.h"
#include <memory>
#include <string>

namespace tether::test {

inline std::string sqliteUrl(const std::string &path) {
  return "sqlite:///" + path;
}

inline std::unique_ptr<Connection> openFile(const std::string &path) {
  return openConnection(sqliteUrl(path));
}

// Plans `desired` against the live database and applies it; returns the plan that ran.
inline Plan applySchema(Connection &db, const Schema &desired, bool allowDestructive = false) {
  PlanOptions opts;
  opts.allowDestructive = allowDestructive;
  Plan p = makePlan(desired, db.introspect(), db.dialect(), opts);
  db.apply(p.steps);
  return p;
}

inline Plan planAgainst(Connection &db, const Schema &desired) {
  return makePlan(desired, db.introspect(), db.dialect());
}

inline std::string scalar(Connection &db, const std::string &sql,
                          const std::vector<std::string> &params = {}) {
  auto rows = db.query(sql, params);
  return rows.empty() || rows[0].empty() ? "<none>" : rows[0][0].value_or("NULL");
}

} // namespace tether::test
