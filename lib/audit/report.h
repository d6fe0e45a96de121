#pragma once
#include "audit/finding.h"
#include <string>
#include <vector>

namespace tether {

struct AuditSummary {
  int error = 0, warning = 0, info = 0;
};
AuditSummary summarize(const std::vector<Finding> &fs);

// The contract's JSON object (../shared/spec/cli.md "Audit findings").
std::string renderAuditJson(const std::vector<Finding> &fs);
// SARIF 2.1.0, one rule per check, locations in the model files (or the log). Every result has a
// file and a start line, as GitHub code scanning requires: a finding with no place of its own
// (a table only the database has) points at line 1 of `fallbackFile`, the settings file where
// such a finding is accepted or ignored.
std::string renderAuditSarif(const std::vector<Finding> &fs, const std::string &fallbackFile = "tether.yaml");
// JUnit XML: one test case per check and object; `checksRun` adds a passing case for clean checks.
std::string renderAuditJunit(const std::vector<Finding> &fs, const std::vector<std::string> &checksRun);
// Grouped by check, with the fix; coloured when asked.
std::string renderAuditText(const std::vector<Finding> &fs, bool color);

// Stable identity of a finding across runs (check, object, relationship), for baselines.
std::string findingKey(const Finding &f);
const char *checkDescription(const std::string &check);
// Descriptions for checks defined outside the audit (migrate lint rules), for the reporters.
void registerCheckDescription(const std::string &check, const std::string &description);

} // namespace tether
