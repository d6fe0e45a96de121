#pragma once
#include "audit/finding.h"
#include "config/config.h"
#include <string>
#include <vector>

namespace tether {

// Drops findings an ignore rule of tether.yaml accepts (by check, table, column).
std::vector<Finding> applyIgnoreRules(std::vector<Finding> fs, const std::vector<IgnoreRule> &rules);

// A baseline records the findings a team has accepted on adoption; later runs report only new
// ones. The file is plain text, one finding key a line, so it diffs well in review.
void writeBaseline(const std::string &path, const std::vector<Finding> &fs);
std::vector<Finding> subtractBaseline(std::vector<Finding> fs, const std::string &path);

} // namespace tether
