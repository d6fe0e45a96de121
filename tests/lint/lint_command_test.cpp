#include "core/error.h"
#include "lint/lint.h"
#include "lint/lint_command.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <unistd.h>

using namespace tether;
using namespace tether::test;

namespace {
// A project with migrations/postgresql/: a clean first migration and two risky later ones.
void writeProject(const TempDir &d) {
  runShell("mkdir -p " + shellQuote(d.file("migrations/postgresql")));
  d.write("migrations/postgresql/0001_initial.up.sql",
          "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n");
  d.write("migrations/postgresql/0001_initial.down.sql", "DROP TABLE users;\n");
  d.write("migrations/postgresql/0002_email_index.up.sql",
          "SET lock_timeout = '5s';\nCREATE INDEX users_email ON users (email);\n");
  d.write("migrations/postgresql/0003_rename.up.sql",
          "SET lock_timeout = '5s';\nALTER TABLE users RENAME COLUMN email TO mail;\n");
}

std::string python(const std::string &file, const std::string &code) {
  auto r = runShell("/usr/bin/python3 -c " +
                    shellQuote("import json, sys\nd = json.load(open(sys.argv[1]))\n" + code) + " " +
                    shellQuote(file));
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  return r.out;
}

struct Cwd {
  std::string old;
  explicit Cwd(const std::string &dir) : old(runShell("pwd").out) {
    while (!old.empty() && old.back() == '\n')
      old.pop_back();
    REQUIRE(chdir(dir.c_str()) == 0);
  }
  ~Cwd() { (void)!chdir(old.c_str()); }
};
} // namespace

TEST_CASE("migrate lint command: json is the audit shape, with migration file positions", "[lint]") {
  TempDir d;
  writeProject(d);
  MigrateLintArgs a;
  a.dir = d.file("migrations");
  a.format = "json";
  std::string out;
  CHECK(runMigrateLint(a, &out) == 1); // the index is an error
  d.write("report.json", out);
  std::string summary =
      python(d.file("report.json"),
             "fs = d['findings']\n"
             "print(d['tool'], len(fs), d['summary']['error'], d['summary']['warning'])\n"
             "for f in fs: print(f['check'], f['severity'], f['location']['file'].split('/')[-1], "
             "f['location']['line'], f['location']['column'])\n");
  CHECK(summary == "tether 2 1 1\n"
                   "create-index-without-concurrently error 0002_email_index.up.sql 2 1\n"
                   "rename-column warning 0003_rename.up.sql 2 1\n");
}

TEST_CASE("migrate lint command: sarif parses and names every rule with its explanation", "[lint]") {
  TempDir d;
  writeProject(d);
  MigrateLintArgs a;
  a.dir = d.file("migrations/postgresql");
  a.format = "sarif";
  std::string out;
  runMigrateLint(a, &out);
  d.write("report.sarif", out);
  std::string s = python(
      d.file("report.sarif"),
      "run = d['runs'][0]\n"
      "assert d['version'] == '2.1.0'\n"
      "rules = {r['id']: r['shortDescription']['text'] for r in run['tool']['driver']['rules']}\n"
      "assert all(t != 'tether finding' for t in rules.values()), rules\n"
      "for r in run['results']:\n"
      "  loc = r['locations'][0]['physicalLocation']\n"
      "  print(r['ruleId'], r['level'], loc['region']['startLine'], 'Fix:' in r['message']['text'])\n");
  CHECK(s == "create-index-without-concurrently error 2 True\nrename-column warning 2 True\n");
}

TEST_CASE("migrate lint command: --latest, --fail-on, text and the ignore list", "[lint]") {
  TempDir d;
  writeProject(d);
  MigrateLintArgs a;
  a.dir = d.file("migrations");
  a.latest = 1;
  std::string out;
  CHECK(runMigrateLint(a, &out) == 0); // only the rename: a warning
  CHECK(out.find("rename-column (1)") != std::string::npos);
  CHECK(out.find("0003_rename.up.sql:2:1") != std::string::npos);
  CHECK(out.find("users_email") == std::string::npos);
  a.failOn = "warning";
  CHECK(runMigrateLint(a, &out) == 1);
  a.ignoreRules = {"rename-column"};
  CHECK(runMigrateLint(a, &out) == 0);
  CHECK(out == "no findings in 1 migration\n");
  a.ignoreRules = {"no-such-rule"};
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error);
}

TEST_CASE("migrate lint command: --base lints only the migrations changed since a git ref", "[lint]") {
  TempDir d;
  writeProject(d);
  auto git = [&](const std::string &args) {
    auto r = runShell("cd " + shellQuote(d.path()) +
                      " && git -c user.name=t -c user.email=t@x -c commit.gpgsign=false " + args);
    INFO(r.out);
    REQUIRE(r.exitCode == 0);
  };
  git("init -q . && git add . && git commit -q -m one");
  d.write("migrations/postgresql/0004_drop.up.sql",
          "SET lock_timeout = '5s';\nALTER TABLE users DROP COLUMN mail;\n");
  d.write("migrations/postgresql/0002_email_index.up.sql",
          "SET lock_timeout = '5s';\nCREATE INDEX users_email ON users (email);\nALTER TABLE users DROP "
          "COLUMN id;\n");
  Cwd here(d.path());
  MigrateLintArgs a;
  a.dir = "migrations";
  a.base = "HEAD";
  a.format = "json";
  std::string out;
  CHECK(runMigrateLint(a, &out) == 1);
  d.write("r.json", out);
  CHECK(python(d.file("r.json"),
               "print(sorted({f['location']['file'].split('/')[-1] for f in d['findings']}))") ==
        "['0002_email_index.up.sql', '0004_drop.up.sql']\n");
  a.base = "no-such-ref";
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error);
}

TEST_CASE("migrate lint command: --db on SQLite judges against the data and picks the dialect", "[lint]") {
  TempDir d;
  runShell("mkdir -p " + shellQuote(d.file("migrations/sqlite")) + " " +
           shellQuote(d.file("migrations/postgresql")));
  d.write("migrations/sqlite/0002_unique.up.sql", "CREATE UNIQUE INDEX users_email_key ON users (email);\n");
  auto r = runShell("sqlite3 " + shellQuote(d.file("app.db")) + " " +
                    shellQuote("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT); INSERT INTO "
                               "users(email) VALUES ('a'),('a'),('b');"));
  REQUIRE(r.exitCode == 0);
  MigrateLintArgs a;
  a.dir = d.file("migrations");
  a.dbUrl = "sqlite:///" + d.file("app.db");
  std::string out;
  CHECK(runMigrateLint(a, &out) == 1);
  CHECK(out.find("adding UNIQUE (email) will fail: 2 rows share a value") != std::string::npos);
  a.dbUrl = "sqlite:///" + d.file("missing.db");
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error); // read-only: never creates the file
}

TEST_CASE("migrate lint command: bad flags and an ambiguous directory are errors (exit 2)", "[lint]") {
  TempDir d;
  writeProject(d);
  runShell("mkdir -p " + shellQuote(d.file("migrations/sqlite")));
  MigrateLintArgs a;
  a.dir = d.file("migrations");
  std::string out;
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error); // postgresql/ and sqlite/: which one?
  a.dialect = "postgresql";
  CHECK(runMigrateLint(a, &out) == 1);
  runShell("rm -r " + shellQuote(d.file("migrations/sqlite")));
  a.dialect = "sqlite";
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error); // only postgresql/ is there
  a.dialect = "postgresql";
  a.format = "xml";
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error);
  a.format = "text";
  a.latest = 1;
  a.base = "HEAD";
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error);
  a.base.clear();
  a.dir = d.file("nowhere");
  CHECK_THROWS_AS(runMigrateLint(a, &out), Error);
}

TEST_CASE(
    "migrate lint command: earlier migrations still count with --latest (a NOT NULL check validated before)",
    "[lint]") {
  TempDir d;
  runShell("mkdir -p " + shellQuote(d.file("migrations/postgresql")));
  d.write("migrations/postgresql/0001_check.up.sql",
          "SET lock_timeout = '5s';\nALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT "
          "NULL) NOT VALID;\n");
  d.write("migrations/postgresql/0002_validate.up.sql",
          "SET lock_timeout = '5s';\nALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n");
  d.write("migrations/postgresql/0003_not_null.up.sql",
          "SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;\n");
  MigrateLintArgs a;
  a.dir = d.file("migrations/postgresql");
  a.latest = 1;
  a.format = "json";
  std::string out;
  runMigrateLint(a, &out);
  CHECK(out.find("\"set-not-null\"") != std::string::npos); // the data may still hold NULLs
  CHECK(out.find("set-not-null-without-check") == std::string::npos);
  CHECK(out.find("0001_check") == std::string::npos); // context, not reported
  d.write("migrations/postgresql/0002_validate.up.sql", "SELECT 1;\n");
  runMigrateLint(a, &out);
  CHECK(out.find("set-not-null-without-check") != std::string::npos); // never validated: the scan happens
}

TEST_CASE("lintMigrationDir: version order, --latest, and down files only when asked", "[lint]") {
  TempDir d;
  writeProject(d);
  LintOptions o;
  o.dialect = "postgresql";
  std::string dir = d.file("migrations/postgresql");
  auto names = [](const std::vector<Finding> &fs) {
    std::vector<std::string> out;
    for (const auto &f : fs)
      out.push_back(f.check + "@" + f.location.file.substr(f.location.file.rfind('/') + 1));
    return out;
  };
  CHECK(names(lintMigrationDir(dir, o)) ==
        std::vector<std::string>{"create-index-without-concurrently@0002_email_index.up.sql",
                                 "rename-column@0003_rename.up.sql"});
  CHECK(names(lintMigrationDir(dir, o, 1)) == std::vector<std::string>{"rename-column@0003_rename.up.sql"});
  o.includeDown = true;
  auto withDown = names(lintMigrationDir(dir, o));
  CHECK(withDown == std::vector<std::string>{"missing-lock-timeout@0001_initial.down.sql",
                                             "drop-table@0001_initial.down.sql",
                                             "create-index-without-concurrently@0002_email_index.up.sql",
                                             "rename-column@0003_rename.up.sql"});
}
