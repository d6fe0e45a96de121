#pragma once
#include "audit/finding.h"
#include "lint/operation.h"
#include "lint/rules.h"
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tether::lint {

// A rule that fired, before the data (--db) and suppressions have their say.
struct Candidate {
  Finding finding; // check, severity, table, columns, message, fix; location filled by the caller
  const RuleInfo *rule = nullptr;
  Operation op;
  size_t offset = 0;
  const Statement *statement = nullptr;
  // Only the data can tell (a SQLite rebuild's copy into NOT NULL/UNIQUE columns): kept only when
  // --db shows it will fail.
  bool dataOnly = false;
};

// What earlier migrations established that later ones rely on.
struct AnalyzerState {
  std::set<std::string> validatedNotNull; // "table.column" proven by a validated CHECK (col IS NOT NULL)
  std::map<std::string, std::string> pendingNotNullChecks; // NOT VALID such checks: name -> "table.column"
  std::map<std::string, std::string> columnTypes; // "table.column" -> canonical type, from earlier DDL
};

struct AnalyzerOptions {
  std::string dialect;                    // a name from knownDialects() (lib/drivers)
  bool sqliteRunnerForeignKeysOff = true; // see LintOptions
};

// Runs every rule over one file's statements.
std::vector<Candidate> analyzeFile(const std::string &sql, const std::vector<Statement> &statements,
                                   const AnalyzerOptions &opts, AnalyzerState &state);

} // namespace tether::lint
