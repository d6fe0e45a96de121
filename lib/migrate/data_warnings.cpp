#include "migrate/data_warnings.h"
#include "dialect/connection.h"
#include "lint/lint.h"

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

} // namespace tether
