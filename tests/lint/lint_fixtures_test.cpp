#include "lint/lint.h"
#include "lint/rules.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

using namespace tether;
using namespace tether::test;
namespace fs = std::filesystem;

namespace {
std::vector<Finding> lintFixture(const std::string &dialect, const std::string &name) {
  std::string path = fixture("lint/" + dialect + "/" + name);
  LintOptions o;
  o.dialect = dialect;
  o.enableStyle = true; // the opt-in style rules have fixtures too
  return lintMigrationFile(path, readFile(path), o);
}

int countRule(const std::vector<Finding> &fs, const std::string &rule) {
  int n = 0;
  for (const auto &f : fs)
    n += f.check == rule;
  return n;
}

std::string describe(const std::vector<Finding> &fs) {
  std::string s;
  for (const auto &f : fs)
    s += f.check + " @" + f.location.str() + ": " + f.message + "\n";
  return s;
}
} // namespace

TEST_CASE("lint fixtures: every bad migration fires its rule, its safe rewrite does not", "[lint]") {
  std::set<std::string> covered;
  for (const char *dialect : {"postgresql", "sqlite"}) {
    for (const auto &entry : fs::directory_iterator(fixture(std::string("lint/") + dialect))) {
      std::string name = entry.path().filename().string();
      if (name.size() < 8 || name.compare(name.size() - 8, 8, ".bad.sql") != 0) continue;
      std::string rule = name.substr(0, name.size() - 8);
      INFO(dialect << " " << rule);
      REQUIRE(lint::findRule(rule));
      auto bad = lintFixture(dialect, name);
      INFO("bad:\n" << describe(bad));
      CHECK(countRule(bad, rule) >= 1);
      for (const auto &f : bad) {
        CHECK(f.location.line > 0);
        CHECK(f.location.column > 0);
        CHECK(!f.message.empty());
        CHECK(!f.fix.empty());
      }
      REQUIRE(fs::exists(fixture(std::string("lint/") + dialect + "/" + rule + ".good.sql")));
      auto good = lintFixture(dialect, rule + ".good.sql");
      INFO("good:\n" << describe(good));
      CHECK(countRule(good, rule) == 0);
      covered.insert(rule);
    }
  }
  for (const auto &r : lint::lintRules()) {
    INFO("rule without a fixture: " << r.name);
    if (std::string(r.name) == "foreign-key-orphans") continue; // only --db fires it: lint_data_test
    CHECK(covered.count(r.name));
  }
}

TEST_CASE("lint: the safe rewrites of the PostgreSQL fixtures are clean of lock and destructive findings",
          "[lint]") {
  // The good files may still carry data-dependent warnings (only the data can clear those), never errors.
  for (const char *name :
       {"create-index-without-concurrently.good.sql", "add-foreign-key-without-not-valid.good.sql",
        "add-check-without-not-valid.good.sql", "volatile-default.good.sql", "missing-lock-timeout.good.sql",
        "set-not-null-without-check.good.sql"}) {
    auto fs = lintFixture("postgresql", name);
    INFO(name << "\n" << describe(fs));
    CHECK(fs.empty());
  }
}
