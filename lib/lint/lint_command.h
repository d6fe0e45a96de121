#pragma once
#include <string>
#include <vector>

namespace tether {

// Everything `tether migrate lint` takes; the CLI fills it from flags and tether.yaml.
struct MigrateLintArgs {
  std::string dir = "migrations"; // --dir (or tether.yaml migrations:); may hold postgresql/ and sqlite/
  std::string dbUrl;              // --db: judge data-dependent rules and lock sizes against this database
  std::string dialect;            // a name from knownDialects(); empty: from --db, else from the directory
  int latest = 0;                 // --latest N: only the last N migrations
  std::string base;               // --base GIT_REF: only migrations changed since that ref
  std::string format = "text";    // --format text|json|sarif
  std::string failOn = "error";   // --fail-on error|warning|never
  std::vector<std::string> ignoreRules; // tether.yaml lint: {ignore: [...]}
  std::vector<std::string> enableSets;  // tether.yaml lint: {enable: [style]}
  bool includeDown = false;             // also lint *.down.sql
  bool color = false;                   // text output coloured (stdout is a TTY and NO_COLOR unset)
};

// Runs `tether migrate lint`: collects the files, opens --db read-only, lints, prints the report
// to `out` (stdout when null). Returns 0 (nothing at or above --fail-on) or 1 (findings at or
// above it); throws tether::Error for exit 2 (bad flags, unreadable directory or file, git
// failure, database unreachable), as every command's runner expects.
int runMigrateLint(const MigrateLintArgs &args, std::string *out = nullptr);

// The directory holding one dialect's migrations and that dialect, as runMigrateLint resolves them.
struct LintTarget {
  std::string dir, dialect;
};
LintTarget resolveLintTarget(const std::string &dir, const std::string &dialect);

} // namespace tether
