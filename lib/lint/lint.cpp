#include "lint/lint.h"
#include "audit/report.h"
#include "core/error.h"
#include "core/safe_file.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "lint/analyzer.h"
#include "lint/data_judge.h"
#include "lint/rules.h"
#include "lint/source_text.h"
#include "lint/statement_reader.h"
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <tuple>

namespace tether {

namespace fs = std::filesystem;
using namespace lint;

namespace {

bool contains(const std::vector<std::string> &list, const std::string &s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

void checkDialect(const LintOptions &opts) {
  if (dialectNamed(opts.dialect).empty())
    throw Error("migrate lint: unknown dialect '" + opts.dialect + "'", {},
                "use " + join(knownDialects(), " or "));
}

AnalyzerOptions analyzerOptions(const LintOptions &opts) {
  AnalyzerOptions a;
  a.dialect = opts.dialect;
  a.sqliteRunnerForeignKeysOff = opts.sqliteRunnerForeignKeysOff;
  return a;
}

std::vector<Finding> lintOne(const std::string &path, const std::string &sql, const LintOptions &opts,
                             AnalyzerState &state) {
  std::vector<Statement> stmts = readStatements(dialectByName(opts.dialect), sql);
  std::vector<Candidate> candidates = analyzeFile(sql, stmts, analyzerOptions(opts), state);
  std::unique_ptr<DataJudge> judge;
  if (opts.db) judge = std::make_unique<DataJudge>(*opts.db);
  LineIndex lines(sql);
  std::vector<Finding> out;
  for (auto &c : candidates) {
    if (contains(opts.ignoreRules, c.finding.check)) continue;
    if (c.rule && c.rule->category == RuleCategory::Style && !opts.enableStyle) continue;
    if (c.statement &&
        (contains(c.statement->nolint, c.finding.check) || contains(c.statement->nolint, "all")))
      continue;
    if (c.dataOnly && !judge) continue;
    if (judge && !judge->judge(c)) continue;
    c.finding.location = SourceLoc{path, lines.line(c.offset), lines.column(c.offset)};
    out.push_back(std::move(c.finding));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding &a, const Finding &b) {
    return std::tie(a.location.line, a.location.column) < std::tie(b.location.line, b.location.column);
  });
  return out;
}

std::string readWhole(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read migration file " + path, SourceLoc{path});
  return readSqlFile(path, kMaxMigrationFileBytes, "migration file");
}

// Every report (text, SARIF) names a rule by its explanation, whoever asked for the lint.
void describeRules() {
  static const bool done = [] {
    for (const auto &r : lint::lintRules())
      registerCheckDescription(r.name, r.explanation);
    return true;
  }();
  (void)done;
}

} // namespace

std::vector<Finding> lintMigrationFile(const std::string &path, const std::string &sql,
                                       const LintOptions &opts) {
  checkDialect(opts);
  describeRules();
  AnalyzerState state;
  return lintOne(path, sql, opts, state);
}

std::vector<std::string> migrationFiles(const std::string &dir, const LintOptions &opts, int latest) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error("migrations directory " + dir + " does not exist", SourceLoc{dir}, "pass --dir");
  std::vector<std::string> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!endsWith(name, ".sql")) continue;
    // A FIFO or device named like a migration would block or never end: refuse it by name.
    if (!it->is_regular_file(ec))
      throw Error("migration " + it->path().string() + " is not a regular file",
                  SourceLoc{it->path().string()},
                  "a migration is a plain .sql file; remove or rename this one");
    if (endsWith(name, ".down.sql") && !opts.includeDown) continue;
    files.push_back(it->path().string());
  }
  if (ec) throw Error("cannot read migrations directory " + dir + ": " + ec.message(), SourceLoc{dir});
  // Versions are zero-padded prefixes, so name order is version order.
  std::sort(files.begin(), files.end(), [](const std::string &a, const std::string &b) {
    return fs::path(a).filename().string() < fs::path(b).filename().string();
  });
  if (latest > 0 && size_t(latest) < files.size()) files.erase(files.begin(), files.end() - latest);
  return files;
}

std::vector<Finding> lintMigrationFiles(const std::vector<std::string> &paths, const LintOptions &opts,
                                        const std::vector<std::string> &contextOnly) {
  checkDialect(opts);
  describeRules();
  AnalyzerState state;
  std::vector<Finding> all;
  for (const auto &p : paths) {
    std::string sql = readWhole(p);
    if (contains(contextOnly, p)) {
      std::vector<Statement> stmts = readStatements(dialectByName(opts.dialect), sql);
      analyzeFile(sql, stmts, analyzerOptions(opts), state);
      continue;
    }
    auto fs = lintOne(p, sql, opts, state);
    all.insert(all.end(), fs.begin(), fs.end());
  }
  return all;
}

std::vector<Finding> lintMigrationDir(const std::string &dir, const LintOptions &opts, int latest) {
  std::vector<std::string> all = migrationFiles(dir, opts);
  std::vector<std::string> context;
  if (latest > 0 && size_t(latest) < all.size()) context.assign(all.begin(), all.end() - latest);
  return lintMigrationFiles(all, opts, context);
}

std::vector<LintRuleDoc> lintRuleDocs() {
  std::vector<LintRuleDoc> docs;
  for (const auto &r : lintRules())
    docs.push_back({r.name, severityName(r.severity), categoryName(r.category), r.explanation, r.safeRewrite,
                    r.dialect ? r.dialect().name() : ""});
  return docs;
}

} // namespace tether
