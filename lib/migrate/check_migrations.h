#pragma once
#include "migrate/replay.h"
#include <string>
#include <vector>

namespace tether {

// One folder's CI gate result: its problems, one line each, and how its files were replayed
// (None when the snapshot already differs from the models and the files were not replayed).
struct MigrationCheck {
  std::string dir;
  std::string dialect;
  std::vector<std::string> problems;
  ReplayMode replay = ReplayMode::None;
};

// The CI gate for one dialect's folder, no database needed: what makes the history not match,
// one line each: sum file mismatches, then what migrate new would write, then (SQLite, where the
// files replay in memory) what the up files, run in order, leave different from the models.
// Empty: in step. Throws Error when a file does not even run.
// With `devDb` (a PostgreSQL URL), a PostgreSQL folder is replayed in a throwaway schema of that
// database; without, offline (its DDL read with no database; a statement that cannot be modelled
// exactly is an Error naming file:line).
std::vector<std::string> checkMigrations(const std::string &modelsPath, const std::string &dir,
                                         const std::string &dialect, const std::string &devDb = "");
MigrationCheck checkMigrationFolder(const std::string &modelsPath, const std::string &dir,
                                    const std::string &dialect, const std::string &devDb = "");
// `migrate check` output: text (problem lines, then "<dir>: ok (replayed …)" or the replay used) and
// JSON ({"folders": [{"dir", "dialect", "replay", "ok", "problems"}]}).
std::string migrationCheckText(const std::vector<MigrationCheck> &checks);
std::string migrationCheckJson(const std::vector<MigrationCheck> &checks);
// The dialect a folder is for: the one its tether.sum records, else from its name (…/sqlite,
// …/postgresql); "" when neither says.
std::string dialectOfDir(const std::string &dir);

} // namespace tether
