#pragma once
#include "migrate/migrator.h"
#include <iosfwd>
#include <string>
#include <vector>

namespace tether {

struct BaselineOutcome {
  std::vector<std::string> differences; // what the live schema lacks or has extra; nothing recorded then
  std::vector<std::string> recorded;    // versions recorded (or cleared of their dirty flag)
};

// `migrate baseline VERSION`: adopts a database built by other means (or finished by hand after a
// dirty version) by recording every version up to VERSION as applied without running it, once the
// live schema is exactly what those versions produce. The expected schema comes from replaying the
// files (SQLite in memory; PostgreSQL in a throwaway schema of the same database, dropped after),
// compared with the live one by the same differ apply uses. Throws Error (exit 2) for a folder
// that does not verify, an unknown version, or a file that does not replay.
BaselineOutcome baselineMigrations(const MigrateOptions &opts, const std::string &version, std::ostream &log);

} // namespace tether
