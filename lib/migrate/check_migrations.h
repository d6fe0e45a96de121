#pragma once
#include <string>
#include <vector>

namespace tether {

// The CI gate for one dialect's folder, no database needed: what makes the history not match,
// one line each: sum file mismatches, then what migrate new would write, then (SQLite, where the
// files replay in memory) what the up files, run in order, leave different from the models.
// Empty: in step. Throws Error when a file does not even run.
std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect);
// The dialect a folder is for, from its name (…/sqlite, …/postgresql); "" when it does not say.
std::string dialectOfDir(const std::string &dir);

} // namespace tether
