// Reading a log on two threads hands the sink exactly what one thread does, in the same order.
#include "audit/n_plus_one.h"
#include "core/strings.h"
#include "querylog/log_reader.h"
#include "querylog/recording_sink.h"
#include "querylog/shop_models.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;
using tether::test::Record;
using tether::test::shop;

namespace {

std::vector<std::string> described(const std::vector<Finding> &fs) {
  std::vector<std::string> out;
  for (const auto &f : fs)
    out.push_back(f.relationship + " " + f.fingerprint + " " + std::to_string(*f.count) + "/" +
                  std::to_string(*f.occurrences) + "/" + std::to_string(*f.sessions) + " " +
                  (f.totalMs ? std::to_string(*f.totalMs) : "-") + " " + f.example + " " +
                  std::to_string(f.location.line) + " " + f.limitation);
  return out;
}
} // namespace

TEST_CASE("a log read on two threads gives the events and findings of one thread", "[querylog][pipeline]") {
  // Real logs of every shape, many times over: more events than the pipeline's batches hold.
  std::string one;
  for (const char *f : {"lazy.log", "interleaved.log", "datalayer.log", "pgbench.log", "rowtx.log",
                        "params-newline.log", "autoexplain-both.log", "prefix-6.log"})
    one += test::readFile(test::fixture(std::string("logs/") + f));
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += one;
  test::TempDir dir;
  dir.write("many.log", text);

  Record serial, piped;
  LogReadOptions o;
  o.logPrefix = "%m [%p] %q%u@%d ";
  o.threads = 1;
  LogReadStats a = readQueryLog(dir.file("many.log"), o, serial);
  o.threads = 2;
  LogReadStats b = readQueryLog(dir.file("many.log"), o, piped);
  CHECK(a.statements == b.statements);
  CHECK(a.lines == b.lines);
  REQUIRE(serial.events.size() > 20000);
  CHECK(serial.events == piped.events);

  NPlusOneOptions n;
  n.threads = 1;
  auto s = detectNPlusOne({dir.file("many.log")}, n, &shop());
  n.threads = 2;
  auto p = detectNPlusOne({dir.file("many.log")}, n, &shop());
  REQUIRE_FALSE(s.empty());
  CHECK(described(s) == described(p));
}
