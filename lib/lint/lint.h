#pragma once
#include "audit/finding.h"
#include <string>
#include <vector>

namespace tether {

class Connection;

struct LintOptions {
  std::string dialect;                  // a name from knownDialects() (lib/drivers)
  std::vector<std::string> ignoreRules; // tether.yaml `lint: {ignore: [...]}`: silenced everywhere
  Connection *db = nullptr;             // when set, data-dependent rules are judged against the data
  bool includeDown = false;             // also lint *.down.sql files
  bool enableStyle = false;             // tether.yaml `lint: {enable: [style]}`: the opt-in style rules
  // tether migrate apply runs each SQLite migration with foreign keys switched off (as every
  // tether apply does); false for migrations another tool runs with them on.
  bool sqliteRunnerForeignKeysOff = true;
};

// Lints one migration's SQL. `path` only names the file in findings' locations. Findings carry
// check (the rule name), severity, message, location (file:line:column of the statement) and fix.
std::vector<Finding> lintMigrationFile(const std::string &path, const std::string &sql,
                                       const LintOptions &opts);

// The migration files of `dir` that lintMigrationDir reads, in version order: *.up.sql (and
// plain *.sql that are not *.down.sql), plus *.down.sql with includeDown. `latest` > 0 keeps the
// last N. Throws Error when the directory cannot be read.
std::vector<std::string> migrationFiles(const std::string &dir, const LintOptions &opts, int latest = 0);

// Lints the files above in order. Throws Error (exit 2) when a file cannot be read.
std::vector<Finding> lintMigrationDir(const std::string &dir, const LintOptions &opts, int latest = 0);
// Lints the given files in the given order. Files in `contextOnly` are read (earlier migrations
// establish facts later ones rely on, such as a validated NOT NULL check) but not reported.
std::vector<Finding> lintMigrationFiles(const std::vector<std::string> &paths, const LintOptions &opts,
                                        const std::vector<std::string> &contextOnly = {});

// The rule catalogue, for `--help`-style listings and SARIF descriptions.
struct LintRuleDoc {
  std::string name, severity, category, explanation, safeRewrite, dialect;
};
std::vector<LintRuleDoc> lintRuleDocs();

} // namespace tether
