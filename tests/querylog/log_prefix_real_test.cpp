#include "audit/n_plus_one.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

// Every finding of the lazy walk, read without --log-prefix.
void checkLazyWalk(const std::string &file) {
  INFO(file);
  NPlusOneStats stats;
  auto fs = detectNPlusOne({file}, {}, &shop(), &stats);
  std::vector<std::string> names;
  for (const auto &f : fs)
    names.push_back(f.relationship + " " + std::to_string(*f.count));
  CHECK(names ==
        std::vector<std::string>{"Order.items 12", "OrderItem.product 8", "User.profile 6", "User.orders 6"});
  CHECK(stats.skipped <= 2); // the server logs its reload to the next prefix before switching files
  CHECK(stats.statements >= 46);
}
} // namespace

TEST_CASE("stderr logs with production prefixes and an application_name with spaces read without flags",
          "[nplusone][prefix]") {
  // '%m [%p-%l] %u@%d app=%a ' (app "PostgreSQL JDBC Driver"), Cloud SQL's
  // '%m [%p]: [%l-1] db=%d,user=%u ', and '%t-%c-' (the zone is followed by "-").
  for (const char *f : {"prefix-1.log", "prefix-2.log", "prefix-3.log"})
    checkLazyWalk(test::fixture(std::string("logs/") + f));
}

TEST_CASE("the same prefixes, logged now by a live PostgreSQL", "[nplusone][prefix][pg]") {
  REQUIRE_PG(); // the script starts its own logging server; this gates it to runs with PostgreSQL
  test::TempDir out;
  auto r = test::runShell("bash " + test::shellQuote(test::fixture("logs/prefixes.sh")) + " " +
                          test::shellQuote(out.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  for (const char *f : {"prefix-1.log", "prefix-2.log", "prefix-3.log"})
    checkLazyWalk(out.file(f));
}
