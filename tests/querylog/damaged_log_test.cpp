#include "audit/n_plus_one.h"
#include "core/error.h"
#include "querylog/shop_models.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>
#include <fstream>

using namespace tether;
using tether::test::shop;

namespace {

std::vector<std::string> names(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const auto &f : fs)
    out.push_back(f.relationship);
  return out;
}

const std::vector<std::string> kLazy = {"Order.items", "OrderItem.product", "User.profile", "User.orders"};
} // namespace

TEST_CASE("a csvlog cut inside a quoted field (tail -n) reads from its first whole record",
          "[nplusone][damaged]") {
  test::TempDir d;
  // Line 4 of the real csvlog is inside a multi-line statement: what `tail -n +4` leaves.
  auto r = test::runShell("tail -n +4 " + test::shellQuote(test::fixture("logs/lazy.csv")) + " > " +
                          test::shellQuote(d.file("tail.csv")));
  REQUIRE(r.exitCode == 0);
  NPlusOneStats stats;
  CHECK(names(detectNPlusOne({d.file("tail.csv")}, {}, &shop(), &stats)) == kLazy);
  CHECK(stats.perFile.at(0).format == LogFormat::PostgresCsv);
  CHECK(stats.skipped == 4); // the cut record's last lines
}

TEST_CASE("a truncated .gz is read as far as it goes, and the audit says so", "[nplusone][damaged][cli]") {
  test::TempDir d;
  std::string gz = test::readFile(test::fixture("logs/lazy.log.gz"));
  d.write("cut.log.gz", gz.substr(0, gz.size() / 2));
  NPlusOneStats stats;
  detectNPlusOne({d.file("cut.log.gz")}, {}, &shop(), &stats);
  CHECK(stats.perFile.at(0).truncatedGzip);
  CHECK(stats.statements > 0);
  auto r = test::runTether({"audit", "--log", d.file("cut.log.gz")});
  CHECK(r.err.find("cut.log.gz is a truncated gzip file: read up to line") != std::string::npos);
  NPlusOneStats whole;
  detectNPlusOne({test::fixture("logs/lazy.log.gz")}, {}, &shop(), &whole);
  CHECK_FALSE(whole.perFile.at(0).truncatedGzip);
}

TEST_CASE("NUL bytes a crash left at the start do not make a log binary", "[nplusone][damaged]") {
  test::TempDir d;
  std::string log = test::readFile(test::fixture("logs/lazy.log"));
  d.write("crash.log", std::string(8192, '\0') + log);
  CHECK(names(detectNPlusOne({d.file("crash.log")}, {}, &shop())) == kLazy);
  // Real binary data is still refused.
  std::string elf = test::readFile(TETHER_BINARY).substr(0, 65536);
  d.write("binary.log", elf);
  CHECK_THROWS_AS(detectNPlusOne({d.file("binary.log")}, {}, &shop()), Error);
}

TEST_CASE("cli audit --log: a progress line on a terminal only", "[nplusone][cli]") {
  test::TempDir d;
  std::string log = d.file("big.log");
  REQUIRE(test::runShell("yes '2024-05-01 10:00:00 UTC [1] LOG:  statement: SELECT 1' | head -n 1100000 > " +
                         test::shellQuote(log))
              .exitCode == 0);
  std::string cmd = test::shellQuote(TETHER_BINARY) + " audit --log " + test::shellQuote(log) + " -o " +
                    test::shellQuote(d.file("report.txt"));
  // util-linux's script(1) gives tether a terminal for stderr.
  auto tty =
      test::runShell("script -qfec " + test::shellQuote(cmd) + " " + test::shellQuote(d.file("tty.txt")) +
                     " > /dev/null 2>&1; cat " + test::shellQuote(d.file("tty.txt")));
  CHECK(tty.out.find("big.log: 1 million lines") != std::string::npos);
  auto plain = test::runTether({"audit", "--log", log});
  CHECK(plain.exitCode == 0);
  CHECK(plain.err.find("million lines") == std::string::npos);
  CHECK(plain.err.find("1100000 statement(s) read") != std::string::npos);
}
