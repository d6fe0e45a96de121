#pragma once
#include <string>
#include <vector>

namespace tether {

// The CI gate for one dialect's folder, no database needed: what makes the history not match,
// one line each (sum file mismatches, then what migrate new would write). Empty: in step.
std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect);
// The dialect a folder is for, from its name (…/sqlite, …/postgresql); "" when it does not say.
std::string dialectOfDir(const std::string &dir);

} // namespace tether
