#include "audit/n_plus_one.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

void checkTextLog(const std::string &file) {
  NPlusOneStats stats;
  auto fs = detectNPlusOne({file}, {}, &shop(), &stats);
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].relationship == "User.orders");
  CHECK(*fs[0].count == 6);
  CHECK(stats.skipped == 0); // the SQL after an empty first line is the statement, not malformed lines
  CHECK(stats.statements == 26);
  CHECK(stats.perFile.at(0).format == LogFormat::SqlAlchemy);
}
} // namespace

TEST_CASE("SQLAlchemy echo: statements with an empty first line, after a statement longer than the sample",
          "[nplusone][sqlalchemy]") {
  checkTextLog(test::fixture("logs/sqla-text.sqla.log"));
  // The same, written now by the installed SQLAlchemy.
  test::TempDir d;
  auto r = test::runShell("SQLALCHEMY_SILENCE_UBER_WARNING=1 /usr/bin/python3 " +
                          test::shellQuote(test::fixture("logs/sqla_text.py")) + " " +
                          test::shellQuote(d.file("echo.log")));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  checkTextLog(d.file("echo.log"));
}

TEST_CASE("SQLAlchemy's default echo format: the finding says threads cannot be told apart",
          "[nplusone][sqlalchemy]") {
  auto merged = detectNPlusOne({test::fixture("logs/lazy.sqla.log")}, {}, &shop());
  REQUIRE(merged.size() == 4);
  for (const auto &f : merged)
    CHECK(f.limitation.find("%(threadName)s") != std::string::npos);
  // The format that limitation suggests (shop.py's interleaved run uses it) separates the requests.
  auto threaded = detectNPlusOne({test::fixture("logs/interleaved.sqla.log")}, {}, &shop());
  REQUIRE(threaded.size() == 4);
  for (const auto &f : threaded) {
    CHECK(f.limitation.empty());
    CHECK(*f.sessions == 2);
  }
}
