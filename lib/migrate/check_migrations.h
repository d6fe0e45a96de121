#pragma once
#include <string>
#include <vector>

namespace tether {

// The CI gate for one dialect's folder, no database needed: what makes the history not match,
// one line each: sum file mismatches, then what migrate new would write, then (SQLite, where the
// files replay in memory) what the up files, run in order, leave different from the models.
// Empty: in step. Throws Error when a file does not even run.
// With `devDb` (a PostgreSQL URL), a PostgreSQL folder is replayed too, in a throwaway schema
// of that database.
std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect, const std::string &devDb = "");
// The dialect a folder is for: the one its tether.sum records, else from its name (…/sqlite,
// …/postgresql); "" when neither says.
std::string dialectOfDir(const std::string &dir);

} // namespace tether
