#include "lint/lint_command.h"
#include "audit/report.h"
#include "core/error.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "lint/lint.h"
#include "lint/rules.h"
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

namespace tether {

namespace fs = std::filesystem;

namespace {

std::string shq(const std::string &s) {
  std::string out = "'";
  for (char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string runCommand(const std::string &cmd, const std::string &what) {
  FILE *p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) throw Error("cannot run " + what);
  std::string text;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0)
    text.append(buf, n);
  int status = pclose(p);
  if (status != 0)
    throw Error(what + " failed: " + trim(text), {}, "is --base a commit, branch or tag of this repository?");
  return text;
}

// Migration files changed (added, modified, renamed; not deleted) since `ref`, or new and untracked.
std::set<std::string> changedSince(const std::string &ref, const std::string &dir) {
  if (startsWith(ref, "-")) throw Error("--base " + ref + " is not a git reference");
  std::string listed =
      runCommand("git diff --name-only --relative --diff-filter=ACMR " + shq(ref) + " -- " + shq(dir),
                 "git diff against " + ref);
  listed += runCommand("git ls-files --others --exclude-standard -- " + shq(dir), "git ls-files");
  std::set<std::string> out;
  for (const auto &line : split(listed, '\n')) {
    std::string path = trim(line);
    if (path.empty()) continue;
    std::error_code ec;
    fs::path canon = fs::weakly_canonical(path, ec);
    out.insert(ec ? path : canon.string());
  }
  return out;
}

} // namespace

LintTarget resolveLintTarget(const std::string &dir, const std::string &dialect) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error("migrations directory " + dir + " does not exist", SourceLoc{dir}, "pass --dir");
  std::string leaf = fs::path(dir).lexically_normal().filename().string();
  if (leaf.empty()) leaf = fs::path(dir).lexically_normal().parent_path().filename().string();
  if (std::find(knownDialects().begin(), knownDialects().end(), leaf) != knownDialects().end()) {
    if (!dialect.empty() && dialect != leaf)
      throw Error("the migrations in " + dir + " are for " + leaf + ", not " + dialect);
    return {dir, leaf};
  }
  std::vector<std::string> present;
  for (const auto &d : knownDialects())
    if (fs::is_directory(fs::path(dir) / d, ec)) present.push_back(d);
  if (!dialect.empty()) {
    if (std::find(present.begin(), present.end(), dialect) != present.end())
      return {(fs::path(dir) / dialect).string(), dialect};
    if (!present.empty())
      throw Error(dir + " has no " + dialect + "/ migrations (only " + join(present, ", ") + "/)",
                  SourceLoc{dir}, "the database and the migrations must be the same dialect");
    return {dir, dialect};
  }
  if (present.size() == 1) return {(fs::path(dir) / present[0]).string(), present[0]};
  throw Error("cannot tell whether the migrations in " + dir + " are for PostgreSQL or SQLite",
              SourceLoc{dir}, "pass --db URL, or point --dir at migrations/postgresql or migrations/sqlite");
}

int runMigrateLint(const MigrateLintArgs &args, std::string *out) {
  if (args.format != "text" && args.format != "json" && args.format != "sarif")
    throw Error("unknown --format " + args.format, {}, "use text, json or sarif");
  if (args.failOn != "error" && args.failOn != "warning" && args.failOn != "never")
    throw Error("unknown --fail-on " + args.failOn, {}, "use error, warning or never");
  if (args.latest < 0) throw Error("--latest must be a positive number of migrations");
  if (args.latest > 0 && !args.base.empty()) throw Error("--latest and --base cannot be used together");

  std::unique_ptr<Connection> db;
  std::string dialect = args.dialect;
  if (!args.dbUrl.empty()) {
    OpenOptions o;
    o.readOnly = true;
    o.createIfMissing = false;
    o.statementTimeoutMs = 30000; // the checks are bounded, but a busy server must not hang CI
    db = openConnection(args.dbUrl, o);
    std::string dbDialect = db->dialect().name();
    if (!dialect.empty() && dialect != dbDialect)
      throw Error("--db is a " + dbDialect + " database but the migrations are for " + dialect);
    dialect = dbDialect;
  }
  LintTarget target = resolveLintTarget(args.dir, dialect);

  LintOptions opts;
  opts.dialect = target.dialect;
  opts.ignoreRules = args.ignoreRules;
  opts.enableStyle =
      std::find(args.enableSets.begin(), args.enableSets.end(), "style") != args.enableSets.end();
  opts.db = db.get();
  opts.includeDown = args.includeDown;
  for (const auto &rule : opts.ignoreRules)
    if (!lint::findRule(rule))
      throw Error("unknown lint rule '" + rule + "' in the ignore list", {},
                  "see the rule names in `tether migrate lint --help`");

  // Every migration is read, in order, for what earlier ones establish; only the chosen are reported.
  std::vector<std::string> all = migrationFiles(target.dir, opts), files, context;
  std::set<std::string> changed;
  if (!args.base.empty()) changed = changedSince(args.base, target.dir);
  for (size_t i = 0; i < all.size(); ++i) {
    bool chosen = true;
    if (args.latest > 0) chosen = i + size_t(args.latest) >= all.size();
    if (!args.base.empty()) {
      std::error_code ec;
      fs::path canon = fs::weakly_canonical(all[i], ec);
      chosen = changed.count(ec ? all[i] : canon.string()) > 0;
    }
    (chosen ? files : context).push_back(all[i]);
  }
  std::vector<Finding> findings = lintMigrationFiles(all, opts, context);

  std::string report;
  if (args.format == "json") {
    report = renderAuditJson(findings);
  } else if (args.format == "sarif") {
    report = renderAuditSarif(findings);
  } else {
    // Multi-statement fixes read as a block under "fix:" in text.
    std::vector<Finding> shown = findings;
    for (auto &f : shown) {
      std::string indented;
      for (char ch : f.fix)
        indented += ch == '\n' ? std::string("\n         ") : std::string(1, ch);
      f.fix = indented;
    }
    report = renderAuditText(shown, args.color);
  }
  if (args.format == "text" && findings.empty())
    report = "no findings in " + std::to_string(files.size()) + " migration" +
             (files.size() == 1 ? "" : "s") + "\n";
  if (out)
    *out = report;
  else
    std::cout << report << std::flush;

  if (args.failOn == "never") return kExitOk;
  for (const auto &f : findings) {
    if (f.severity == Severity::Error) return kExitFound;
    if (args.failOn == "warning" && f.severity == Severity::Warning) return kExitFound;
  }
  return kExitOk;
}

} // namespace tether
