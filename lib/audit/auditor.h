#pragma once
#include "audit/finding.h"
#include "dialect/connection.h"
#include "model/model.h"
#include <functional>
#include <string>
#include <vector>

namespace tether {

struct AuditRun {
  std::vector<Finding> findings;
  std::vector<std::string> checksRun; // every check that ran, clean or not (JUnit lists them)
};

// Every database check against a live database, read-only: schema checks on the introspected
// schema, drift against the models when given, and orphan counts run as set-based SQL.
AuditRun auditDatabase(Connection &conn, const Model *model,
                       const std::function<void(const std::string &)> &progress = {});

} // namespace tether
