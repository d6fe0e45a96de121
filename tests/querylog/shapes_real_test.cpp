// Shapes and log contents from real PostgreSQL 15 logs (tests/fixtures/logs/shapes.sh): a batch
// loader of size 1 written as = ANY, each row's lookup in its own transaction, bind parameters that
// span lines, and auto_explain plans read as the statements they explain.
#include "audit/n_plus_one.h"
#include "querylog/log_reader.h"
#include "querylog/shop_models.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

std::vector<std::string> summary(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const auto &f : fs)
    out.push_back(f.relationship + " " + std::to_string(*f.count) + "/" + std::to_string(*f.occurrences));
  return out;
}

const std::vector<std::string> kLazy = {"Order.items 12/1", "OrderItem.product 8/1", "User.profile 6/1",
                                        "User.orders 6/1"};

struct Statements : StatementSink {
  std::vector<std::pair<std::string, std::string>> read; // text, params
  void onEvent(const StatementEvent &e) override {
    if (e.kind == StatementEvent::Kind::Statement) read.emplace_back(e.text, e.params);
  }
};

// What every shapes.sh log must give, read from `dir` (the committed fixtures or a fresh run).
void checkShapes(const std::string &dir, bool all) {
  auto file = [&](const std::string &name) { return dir + "/" + name; };
  for (const char *ext : {".log", ".csv", ".json"}) {
    INFO(ext);
    // = ANY(ARRAY[x]) with one user id per row: the lazy load of User.orders it stands for.
    CHECK(summary(detectNPlusOne({file(std::string("any1") + ext)}, {}, &shop())) ==
          std::vector<std::string>{"User.orders 6/1"});
    // BEGIN; SELECT … user_profiles WHERE user_id = x; COMMIT per row: still one burst, and the
    // finding says a transaction pooler could have merged clients into it.
    auto rowtx = detectNPlusOne({file(std::string("rowtx") + ext)}, {}, &shop());
    CHECK(summary(rowtx) == std::vector<std::string>{"User.profile 6/1"});
    REQUIRE(rowtx.size() == 1);
    CHECK(rowtx[0].limitation.find("pool_mode = transaction") != std::string::npos);
    // The lookups bind a value over three lines: the finding stands and no line is invented.
    NPlusOneStats stats;
    CHECK(summary(detectNPlusOne({file(std::string("params-newline") + ext)}, {}, &shop(), &stats)) ==
          std::vector<std::string>{"User.orders 6/1"});
    CHECK(stats.skipped == 0);
    Statements s;
    readQueryLog(file(std::string("params-newline") + ext), {}, s);
    int lookups = 0;
    for (const auto &[text, params] : s.read)
      if (text.find("FROM orders WHERE user_id = $1 AND status <> $2") != std::string::npos) {
        ++lookups;
        CHECK(text.find('\n') == std::string::npos);
        CHECK(params.find("$2 = 'first line\nsecond line\nthird line'") != std::string::npos);
      }
    CHECK(lookups == 6);
    // log_statement = none, auto_explain on: the plans' query texts are the statements.
    if (all || std::string(ext) != ".json")
      CHECK(summary(detectNPlusOne({file(std::string("autoexplain-text") + ext)}, {}, &shop())) == kLazy);
    if (all || std::string(ext) != ".json")
      CHECK(summary(detectNPlusOne({file(std::string("autoexplain-json") + ext)}, {}, &shop())) == kLazy);
  }
  // log_statement = all and auto_explain together: a plan does not count its statement twice.
  CHECK(summary(detectNPlusOne({file("autoexplain-both.log")}, {}, &shop())) == kLazy);
  if (all)
    for (const char *ext : {".csv", ".json"})
      CHECK(summary(detectNPlusOne({file(std::string("autoexplain-both") + ext)}, {}, &shop())) == kLazy);
}

} // namespace

TEST_CASE("real PostgreSQL logs: = ANY of one, a transaction per row, multi-line parameters, auto_explain",
          "[nplusone][shapes]") {
  std::string dir = test::fixture("logs");
  // The committed auto_explain fixtures are stderr logs and csvlogs (kept small); the live run
  // below checks jsonlog too.
  checkShapes(dir, false);
  // The text plan's query text ends where the plan's first node starts, multi-line or not.
  Statements s;
  readQueryLog(dir + "/autoexplain-text.log", {}, s);
  bool multiLine = false;
  for (const auto &[text, params] : s.read) {
    CHECK(text.find("(cost=") == std::string::npos);
    if (text.find("FROM user_profiles \nWHERE 1 = user_profiles.user_id") != std::string::npos)
      multiLine = true;
  }
  CHECK(multiLine);
}

TEST_CASE("the same shapes, logged now by a live PostgreSQL", "[nplusone][shapes][pg]") {
  REQUIRE_PG(); // the script starts its own logging server; this gates it to runs with PostgreSQL
  test::TempDir out;
  auto r = test::runShell("bash " + test::shellQuote(test::fixture("logs/shapes.sh")) + " " +
                          test::shellQuote(out.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  checkShapes(out.path(), true);
}
