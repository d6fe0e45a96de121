#include "querylog/repeat_detector.h"
#include <algorithm>
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

TEST_CASE("each row's lookup in its own short transaction is still an N+1", "[querylog][nplusone]") {
  RepeatDetector d(RepeatOptions{});
  run(d, "1", "BEGIN");
  run(d, "1", "SELECT * FROM users");
  run(d, "1", "COMMIT");
  for (int u = 1; u <= 6; ++u) {
    run(d, "1", "BEGIN");
    run(d, "1", "SELECT * FROM orders WHERE user_id = $1", "$1 = '" + std::to_string(u) + "'");
    run(d, "1", "COMMIT");
  }
  d.finish();
  auto r = d.results();
  REQUIRE(r.size() == 1);
  CHECK(r[0].worstCount == 6);
  CHECK(d.shape(r[0].parentShape).info.tables[0] == "users");
  CHECK(r[0].spansTransactions);

  // Transactions of several statements stay units of their own: one lookup each is no burst.
  RepeatDetector t(RepeatOptions{});
  for (int u = 1; u <= 6; ++u) {
    run(t, "1", "BEGIN");
    run(t, "1", "SELECT * FROM users WHERE id = $1", "$1 = '" + std::to_string(u) + "'");
    run(t, "1", "SELECT * FROM orders WHERE user_id = $1", "$1 = '" + std::to_string(u) + "'");
    run(t, "1", "COMMIT");
  }
  t.finish();
  CHECK(t.results().empty());

  // One transaction holding the whole walk is one unit, and says so.
  RepeatDetector w(RepeatOptions{});
  run(w, "1", "BEGIN");
  run(w, "1", "SELECT * FROM users");
  for (int u = 1; u <= 6; ++u)
    run(w, "1", "SELECT * FROM orders WHERE user_id = $1", "$1 = '" + std::to_string(u) + "'");
  run(w, "1", "COMMIT");
  w.finish();
  REQUIRE(w.results().size() == 1);
  CHECK_FALSE(w.results()[0].spansTransactions);
}

TEST_CASE("= ANY with a one-element array per row is an N+1, with more elements a batch",
          "[querylog][nplusone]") {
  RepeatDetector d(RepeatOptions{});
  run(d, "1", "SELECT * FROM users");
  for (int u = 1; u <= 6; ++u) // bound server-side
    run(d, "1", "SELECT * FROM orders WHERE user_id = ANY($1)", "$1 = '{" + std::to_string(u) + "}'");
  run(d, "2", "SELECT * FROM users");
  for (int u = 1; u <= 6; ++u) // interpolated by the client (psycopg2 sends a list as ARRAY[…])
    run(d, "2", "SELECT * FROM order_items WHERE order_id = ANY(ARRAY[" + std::to_string(u) + "])");
  run(d, "3", "SELECT * FROM users");
  for (int u = 1; u <= 6; ++u) // chunks of a batch: not one lookup per row
    run(d, "3", "SELECT * FROM products WHERE id = ANY($1)",
        "$1 = '{" + std::to_string(u) + "," + std::to_string(u + 100) + "}'");
  run(d, "4", "SELECT * FROM users");
  for (int u = 1; u <= 6; ++u)
    run(d, "4", "SELECT * FROM profiles WHERE user_id = ANY(ARRAY[" + std::to_string(u) + ", 7])");
  d.finish();
  std::vector<std::string> tables;
  for (const auto &r : d.results())
    tables.push_back(d.shape(r.shape).info.tables[0]);
  std::sort(tables.begin(), tables.end());
  CHECK(tables == std::vector<std::string>{"order_items", "orders"});
}
