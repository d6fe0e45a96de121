#pragma once
#include "plan/plan.h"
#include <string>

namespace tether {

struct NewMigrationOptions {
  std::string name; // as given; slugified for the file name
  std::string modelsPath;
  std::string dir;     // the dialect's folder
  std::string dialect; // a name from knownDialects() (lib/drivers)
  bool allowDestructive = false;
  bool online = false;
};

struct NewMigrationResult {
  bool written = false;
  std::string version;
  std::string upPath, downPath;
  Plan up; // what the up file runs (and what it skipped)
  size_t downStatements = 0;
};

// Diffs the models against the directory's snapshot and writes the next version (up and down
// SQL), the new snapshot and the sum file. Writes nothing when nothing changed. Throws Error
// (exit 2) for models with errors, a bad directory or a sum file that does not match (a history
// edited by hand must be re-signed with migrate hash first).
NewMigrationResult newMigration(const NewMigrationOptions &opts);

// The models' schema, or Error listing the first model errors.
Schema loadModelSchema(const std::string &modelsPath);

} // namespace tether
