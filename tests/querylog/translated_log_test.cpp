#include "audit/n_plus_one.h"
#include "core/strings.h"
#include "querylog/postgres_message.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::shop;

namespace {

std::vector<std::string> relationships(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const auto &f : fs)
    out.push_back(f.relationship + " " + std::to_string(*f.count) + "/" + std::to_string(*f.occurrences));
  return out;
}

} // namespace

TEST_CASE("lc_messages German and French: real PostgreSQL 15 logs in all three formats read as English ones",
          "[nplusone][translated]") {
  const std::vector<std::string> lazy = {"Order.items 12/1", "OrderItem.product 8/1", "User.profile 6/1",
                                         "User.orders 6/1"};
  for (const char *lang : {"de", "fr"})
    for (const char *ext : {"log", "csv", "json"}) {
      std::string base = test::fixture("logs/lazy-" + std::string(lang) + "." + ext);
      INFO(base);
      NPlusOneStats stats;
      CHECK(relationships(detectNPlusOne({base}, {}, &shop(), &stats)) == lazy);
      CHECK(stats.statements == 46);
      CHECK(stats.skipped == 0);
      // pgbench with the extended protocol: "Ausführen <unnamed>:" / "exécute <unnamed>:" and the
      // translated "parameters:" DETAIL line.
      std::string bench = test::fixture("logs/pgbench-" + std::string(lang) + "." + ext);
      auto fs = detectNPlusOne({bench}, {}, &shop());
      CHECK(relationships(fs) == std::vector<std::string>{"User.orders 6/2"});
    }
}

TEST_CASE("translated message words of every catalog PostgreSQL 15 ships", "[querylog][translated]") {
  PgMessage m = classifyPgMessage("Anweisung: SELECT 1");
  CHECK(m.kind == PgMessage::Kind::Statement);
  CHECK(m.text == "SELECT 1");
  m = classifyPgMessage("durée : 1.5 ms, instruction : SELECT 2");
  CHECK(m.kind == PgMessage::Kind::Statement);
  CHECK(m.durationMs == Approx(1.5));
  CHECK(m.text == "SELECT 2");
  m = classifyPgMessage("продолжительность: 2.25 мс");
  CHECK(m.kind == PgMessage::Kind::Duration);
  CHECK(m.durationMs == Approx(2.25));
  m = classifyPgMessage("期間: 0.5 ミリ秒  文: SELECT 3");
  CHECK(m.kind == PgMessage::Kind::Statement);
  CHECK(m.text == "SELECT 3");
  m = classifyPgMessage("ejecutar S_1: SELECT 4");
  CHECK(m.kind == PgMessage::Kind::Statement);
  CHECK(m.text == "SELECT 4");
  CHECK(classifyPgMessage("Verbindung empfangen: Host=127.0.0.1").kind == PgMessage::Kind::Other);
  CHECK(canonicalPgSeverity("ASTUCE") == "HINT");
  CHECK(canonicalPgSeverity("FEHLER") == "ERROR");
  CHECK(canonicalPgSeverity("СООБЩЕНИЕ") == "LOG");
  CHECK(canonicalPgSeverity("LOG") == "LOG");
  CHECK(canonicalPgSeverity("HELLO").empty());
  std::string text = "EXECUTE q(5)", params;
  applyPgDetail("paramètres : $1 = '5'", text, params);
  CHECK(params == "$1 = '5'");
}

TEST_CASE("cli audit --log: statements read are counted per file, and none read is exit 2",
          "[nplusone][cli]") {
  test::TempDir d;
  d.write("checkpoints.log", "2024-01-01 10:00:00.000 UTC [1] LOG:  checkpoint starting: time\n"
                             "2024-01-01 10:00:01.000 UTC [1] LOG:  checkpoint complete\n");
  auto none = test::runTether({"audit", "--log", d.file("checkpoints.log")});
  CHECK(none.exitCode == 2);
  CHECK(none.err.find("checkpoints.log: 0 statement(s) read (postgres") != std::string::npos);
  CHECK(none.err.find("no statement was read") != std::string::npos);
  auto some = test::runTether({"audit", "--models", test::sourceDir() + "/examples/ecommerce", "--log",
                               test::fixture("logs/lazy-de.log"), "--log", d.file("checkpoints.log")});
  INFO(some.err);
  CHECK(some.exitCode == 0);
  CHECK(some.err.find("lazy-de.log: 46 statement(s) read (postgres, log_line_prefix") != std::string::npos);
  CHECK(some.err.find("checkpoints.log: 0 statement(s) read") != std::string::npos);
}
