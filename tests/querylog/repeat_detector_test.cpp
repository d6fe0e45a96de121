#include "querylog/repeat_detector.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
void run(RepeatDetector &d, const std::string &session, const std::string &sql,
         const std::string &params = "", double ts = -1) {
  StatementEvent e;
  e.session = session;
  e.text = sql;
  e.params = params;
  e.timestampMs = ts;
  e.file = "x.log";
  d.onEvent(e);
}
} // namespace

TEST_CASE("nested loops interleave and still count per shape across the unit", "[querylog]") {
  RepeatDetector d(RepeatOptions{});
  run(d, "1", "BEGIN");
  run(d, "1", "SELECT * FROM users");
  for (int u = 1; u <= 5; ++u) {
    run(d, "1", "SELECT * FROM orders WHERE user_id = $1", "$1 = '" + std::to_string(u) + "'");
    for (int o = 1; o <= 2; ++o)
      run(d, "1", "SELECT * FROM order_items WHERE order_id = " + std::to_string(u * 10 + o));
  }
  run(d, "1", "COMMIT");
  d.finish();
  auto r = d.results();
  REQUIRE(r.size() == 2);
  CHECK(r[0].worstCount == 10);
  CHECK(d.shape(r[0].shape).info.tables[0] == "order_items");
  CHECK(d.shape(r[0].parentShape).info.tables[0] == "orders");
  CHECK(r[1].worstCount == 5);
  CHECK(d.shape(r[1].parentShape).info.tables[0] == "users");
}

TEST_CASE("a repetition needs an earlier query and different values", "[querylog]") {
  RepeatDetector d(RepeatOptions{});
  for (int u = 1; u <= 9; ++u)
    run(d, "1", "SELECT * FROM orders WHERE user_id = " + std::to_string(u)); // nothing before
  run(d, "1", "COMMIT");
  run(d, "1", "SELECT * FROM users");
  for (int u = 1; u <= 9; ++u)
    run(d, "1", "SELECT * FROM orders WHERE user_id = $1", "$1 = '4'"); // one value
  d.finish();
  CHECK(d.results().empty());
}

TEST_CASE("memory stays bounded by open sessions however many a log has", "[querylog]") {
  RepeatOptions o;
  o.maxSessions = 4;
  RepeatDetector d(o);
  for (int s = 0; s < 1000; ++s) {
    std::string key = std::to_string(s);
    run(d, key, "SELECT * FROM users");
    for (int u = 1; u <= 5; ++u)
      run(d, key, "SELECT * FROM orders WHERE user_id = " + std::to_string(u));
  }
  d.finish();
  auto r = d.results();
  REQUIRE(r.size() == 1);
  CHECK(r[0].occurrences == 1000); // evicted sessions closed their units first
  CHECK(r[0].sessions.size() == 1000);
  CHECK(d.shapeCount() == 2);
}
