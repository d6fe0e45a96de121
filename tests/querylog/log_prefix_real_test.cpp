#include "audit/n_plus_one.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

// The log_line_prefix each prefix-N.log was written with (prefixes.sh), and what tether reads off
// its lines: the same, but for the last, whose user and database stand without a key or an "@"
// (free text to tether, which reads them as %a).
const char *const kPrefixes[][2] = {
    {"%m [%p-%l] %u@%d app=%a ", "%m [%p-%l] %u@%d app=%a "},
    {"%m [%p]: [%l-1] db=%d,user=%u ", "%m [%p]: [%l-1] db=%d,user=%u "},
    {"%t-%c-", "%t-%c-"},
    {"%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ", "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h "},
    {"%m [%p] %q%u@%d ", "%m [%p] %q%u@%d "},
    {"sql_error_code = %e time_ms = \"%m\" pid=\"%p\" proc_start_time=\"%s\" session_id=\"%c\" vtid=\"%v\" "
     "tid=\"%x\" log_line=\"%l\" %qdatabase=\"%d\" connection_source=\"%r\" user=\"%u\" "
     "application_name=\"%a\" ",
     "sql_error_code = %e time_ms = \"%m\" pid=\"%p\" proc_start_time=\"%s\" session_id=\"%c\" vtid=\"%v\" "
     "tid=\"%x\" log_line=\"%l\" %qdatabase=\"%d\" connection_source=\"%r\" user=\"%u\" "
     "application_name=\"%a\" "},
    {"%n|%r|%c|%u|%d|%e ", "%n|%r|%c|%a|%a|%e "},
};

// Every finding of the lazy walk, read without --log-prefix, and the prefix read off the lines.
void checkLazyWalk(const std::string &file, const char *inferred) {
  INFO(file);
  NPlusOneStats stats;
  auto fs = detectNPlusOne({file}, {}, &shop(), &stats);
  REQUIRE(stats.perFile.size() == 1);
  CHECK(stats.perFile[0].logPrefix == inferred);
  std::vector<std::string> names;
  for (const auto &f : fs)
    names.push_back(f.relationship + " " + std::to_string(*f.count));
  CHECK(names ==
        std::vector<std::string>{"Order.items 12", "OrderItem.product 8", "User.profile 6", "User.orders 6"});
  // The server logs its reload (and, timing permitting, the reloading psql's disconnection) with the
  // next prefix before it switches files.
  CHECK(stats.skipped <= 4);
  CHECK(stats.statements >= 46);
}
} // namespace

TEST_CASE("stderr logs with production prefixes and an application_name with spaces read without flags",
          "[nplusone][prefix]") {
  // '%m [%p-%l] %u@%d app=%a ' (app "PostgreSQL JDBC Driver"), Cloud SQL's
  // '%m [%p]: [%l-1] db=%d,user=%u ', '%t-%c-' (the zone is followed by "-"), pgBadger's
  // recommendation, Debian's, Heroku's and one no list holds, with connection lines.
  for (size_t i = 0; i < 7; ++i)
    checkLazyWalk(test::fixture("logs/prefix-" + std::to_string(i + 1) + ".log"), kPrefixes[i][1]);
}

TEST_CASE("the same prefixes, logged now by a live PostgreSQL", "[nplusone][prefix][pg]") {
  REQUIRE_PG(); // the script starts its own logging server; this gates it to runs with PostgreSQL
  test::TempDir out;
  auto r = test::runShell("bash " + test::shellQuote(test::fixture("logs/prefixes.sh")) + " " +
                          test::shellQuote(out.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  std::string written = test::readFile(out.file("prefixes.txt"));
  for (size_t i = 0; i < 7; ++i) {
    CHECK(written.find(std::string(kPrefixes[i][0]) + "\n") != std::string::npos);
    checkLazyWalk(out.file("prefix-" + std::to_string(i + 1) + ".log"), kPrefixes[i][1]);
  }
}
