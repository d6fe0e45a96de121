// What a person meets first: init, help topics, the man page, install, CI recipes, and clear
// errors for every kind of bad invocation.
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("cli init: writes a starter that checks clean, and never overwrites", "[cli][ship]") {
  TempDir d;
  auto r = runTether({"init"}, d.path());
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(readFile(d.file("tether.yaml")).find("${DATABASE_URL:-sqlite:///app.db}") != std::string::npos);
  auto check = runTether({"check"}, d.path());
  INFO(check.out);
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("2 models") != std::string::npos);
  auto again = runTether({"init"}, d.path());
  CHECK(again.exitCode == 2);
  CHECK(again.err.find("already exists") != std::string::npos);
  CHECK(runTether({"init", "--force"}, d.path()).exitCode == 0);
}

TEST_CASE("cli help: topics, and every command's --help has an example", "[cli][ship]") {
  for (const char *t : {"models", "urls", "exit-codes", "logs", "config"}) {
    auto r = runTether({"help", t});
    CHECK(r.exitCode == 0);
    CHECK(r.out.size() > 200);
  }
  CHECK(runTether({"help", "nope"}).exitCode == 2);
  for (const char *c : {"check", "erd", "plan", "apply", "inspect", "audit", "init", "migrate"}) {
    auto r = runTether({c, "--help"});
    INFO(c << ": " << r.out);
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("Example") != std::string::npos);
  }
}

TEST_CASE("cli install: cmake --install puts tether and its man page in the prefix", "[cli][ship]") {
  TempDir d;
  std::string buildDir = std::string(TETHER_BINARY).substr(0, std::string(TETHER_BINARY).rfind('/'));
  auto r = runShell("cmake --install " + shellQuote(buildDir) + " --prefix " + shellQuote(d.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  CHECK(runShell("test -x " + shellQuote(d.file("bin/tether"))).exitCode == 0);
  // `tether import sqlalchemy` finds its helper next to the installed binary.
  CHECK(readFile(d.file("share/tether/sqla_import.py")).find("def main(") != std::string::npos);
  std::string man = readFile(d.file("share/man/man1/tether.1"));
  CHECK(man.find(".TH TETHER 1") == 0);
  CHECK(man.find("tether audit") != std::string::npos);
  auto rendered =
      runShell("man -l " + shellQuote(d.file("share/man/man1/tether.1")) + " 2>&1 | grep -c 'exit-code'");
  CHECK(rendered.exitCode == 0);
}

TEST_CASE("cli: CI recipes parse and call commands and flags that exist", "[cli][ship]") {
  auto r = runShell("/usr/bin/python3 " + shellQuote(sourceDir() + "/tests/tools/lint_ci_recipes.py") + " " +
                    shellQuote(TETHER_BINARY) + " " + shellQuote(sourceDir()));
  INFO(r.out);
  CHECK(r.exitCode == 0);
  CHECK(r.out.rfind("ok ", 0) == 0);
}

TEST_CASE("cli: a table of bad invocations, each exit 2 with a message that says what to do", "[cli][ship]") {
  TempDir d;
  d.write("notes.txt", "hello");
  struct Case {
    std::vector<std::string> args;
    std::string expect; // in stderr or stdout
  };
  const std::string models = sourceDir() + "/examples/ecommerce";
  std::vector<Case> cases = {
      {{"plan", "--models", models}, "no database given"},
      {{"plan", "--models", models, "--db", "mysql://x/y"}, "unsupported database 'mysql'"},
      {{"plan", "--models", models, "--db", "not-a-url"}, "is not a database URL"},
      {{"plan", "--models", models, "--db", "postgresql://u:s3cr3t-pw@127.0.0.1:1/db"}, "***"},
      {{"plan", "--models", d.file("missing.yaml"), "--db", "sqlite://"}, "does not exist"},
      {{"check", "--models", d.file("notes.txt")}, "error"},
      {{"audit", "--log", d.file("missing.log")}, "missing.log"},
      {{"audit", "--log", d.file("notes.txt")}, "notes.txt"},
      {{"audit", "--db", "sqlite:///" + d.file("absent.db")}, "absent.db"},
      {{"erd", "--models", models, "--format", "svg"}, "svg"},
      {{"nonsense-command"}, "nonsense-command"},
      {{"--config", d.file("nope.yaml"), "check"}, "cannot read config file"},
  };
  for (const auto &c : cases) {
    auto r = runTether(c.args);
    std::string all = r.out + r.err;
    INFO(all);
    CHECK(r.exitCode == (c.args[0] == "check" ? 1 : 2));
    CHECK(all.find(c.expect) != std::string::npos);
    CHECK(all.find("s3cr3t-pw") == std::string::npos);
  }
}
