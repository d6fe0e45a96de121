// A log parsed in chunks on several threads hands the sink exactly what one parser does: the same
// events in the same order, with the file's line numbers, and the same counts.
#include "audit/n_plus_one.h"
#include "querylog/log_reader.h"
#include "querylog/recording_sink.h"
#include "querylog/shop_models.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <filesystem>

using namespace tether;
using tether::test::Record;
using tether::test::shop;

namespace {

struct Read {
  LogReadStats stats;
  std::vector<std::string> events;
};

Read read(const std::string &path, int threads, size_t chunkBytes = 0, const std::string &prefix = "") {
  Record r;
  LogReadOptions o;
  o.threads = threads;
  o.chunkBytes = chunkBytes;
  o.logPrefix = prefix;
  Read out;
  out.stats = readQueryLog(path, o, r);
  out.events = std::move(r.events);
  return out;
}

void checkSame(const Read &serial, const Read &parallel) {
  CHECK(serial.events == parallel.events);
  CHECK(serial.stats.lines == parallel.stats.lines);
  CHECK(serial.stats.statements == parallel.stats.statements);
  CHECK(serial.stats.skipped == parallel.stats.skipped);
  CHECK(serial.stats.format == parallel.stats.format);
  CHECK(serial.stats.logPrefix == parallel.stats.logPrefix);
}

// Every way a stderr record carries over to the lines after it: a statement over several lines,
// its DETAIL (parameters holding newlines) after it, a line of another program between a statement
// and its DETAIL, ERROR with its STATEMENT and HINT, an auto_explain plan, a run of NULs left by a
// crash, CRLF line ends, and a last line without its newline.
const char *const kStderr = // then a run of NULs, then kAfterNuls
    "2024-05-01 10:00:00.000 UTC [7] app@shop LOG:  statement: SELECT 1\n"
    "2024-05-01 10:00:00.001 UTC [7] app@shop LOG:  execute <unnamed>: SELECT id\n"
    "\tFROM orders\n"
    "\tWHERE user_id = $1\n"
    "\t  AND status <> $2\n"
    "2024-05-01 10:00:00.001 UTC [7] app@shop DETAIL:  parameters: $1 = '1', $2 = 'first\n"
    "\tsecond\n"
    "\tthird'\n"
    "2024-05-01 10:00:00.002 UTC [8] app@shop LOG:  execute <unnamed>: SELECT * FROM items WHERE order_id = "
    "$1\n"
    "some other program wrote this line\n"
    "2024-05-01 10:00:00.002 UTC [8] app@shop DETAIL:  parameters: $1 = '42'\n"
    "2024-05-01 10:00:00.003 UTC [7] app@shop ERROR:  relation \"nope\" does not exist at character 15\n"
    "2024-05-01 10:00:00.003 UTC [7] app@shop STATEMENT:  SELECT * FROM nope\n"
    "2024-05-01 10:00:00.003 UTC [7] app@shop HINT:  check the name\n"
    "2024-05-01 10:00:00.004 UTC [7] app@shop LOG:  duration: 0.250 ms\n"
    "2024-05-01 10:00:00.005 UTC [9] app@shop LOG:  duration: 1.500 ms  plan:\n"
    "\tQuery Text: SELECT * FROM users\n"
    "\t  WHERE id = 3\n"
    "\tSeq Scan on users  (cost=0.00..1.01 rows=1 width=8)\n";
const char *const kAfterNuls =
    "2024-05-01 10:00:00.006 UTC [9] app@shop LOG:  statement: SELECT 2\r\n"
    "2024-05-01 10:00:00.007 UTC [9] app@shop LOG:  execute S_1: EXECUTE p(5)\n"
    "2024-05-01 10:00:00.007 UTC [9] app@shop DETAIL:  prepare: PREPARE p(int) AS SELECT * FROM users\n"
    "\tWHERE id = $1\n"
    "2024-05-01 10:00:00.008 UTC [9] app@shop LOG:  disconnection: session time: 0:00:01.000\n"
    "2024-05-01 10:00:00.009 UTC [10] app@shop LOG:  connection received: host=[local]\n"
    "2024-05-01 10:00:00.010 UTC [10] app@shop LOG:  statement: SELECT 3\n"
    "\tFROM dual";

} // namespace

TEST_CASE("a stderr log split at every byte gives the events and counts of one parser",
          "[querylog][pipeline][chunked]") {
  test::TempDir dir;
  std::string text = std::string(kStderr) + std::string(4, '\0') + kAfterNuls;
  dir.write("split.log", text);
  const std::string prefix = "%m [%p] %q%u@%d ";

  Read serial = read(dir.file("split.log"), 1, 0, prefix);
  CHECK(serial.stats.chunks == 0);
  // The fixture means what it should: the multi-line statement with its multi-line parameters, the
  // DETAIL applied across a foreign line, the plan's statement, the prepared body.
  auto has = [&](const std::string &s) {
    for (const auto &e : serial.events)
      if (e.find(s) != std::string::npos) return true;
    return false;
  };
  CHECK(has("SELECT id\nFROM orders\nWHERE user_id = $1\n  AND status <> $2|$1 = '1', $2 = "
            "'first\nsecond\nthird'"));
  CHECK(has("SELECT * FROM items WHERE order_id = $1|$1 = '42'"));
  CHECK(has("SELECT * FROM users\n  WHERE id = 3|"));
  CHECK(has("SELECT * FROM users\nWHERE id = $1|(5)"));
  CHECK(has("SELECT 3\nFROM dual|"));
  CHECK(serial.stats.skipped == 1);

  for (size_t chunk : {1, 2, 3, 7, 40, 97, 300, 1000}) {
    for (int threads : {2, 3}) {
      INFO("chunk bytes " << chunk << ", threads " << threads);
      Read parallel = read(dir.file("split.log"), threads, chunk, prefix);
      checkSame(serial, parallel);
      CHECK(parallel.stats.chunks > (chunk < 1000 ? 1 : 0));
    }
  }
}

TEST_CASE("jsonlog and stderr logs written by PostgreSQL read the same in chunks, csvlog stays whole",
          "[querylog][pipeline][chunked]") {
  int compared = 0;
  for (const auto &entry : std::filesystem::directory_iterator(test::fixture("logs"))) {
    std::string name = entry.path().filename().string();
    bool json = entry.path().extension() == ".json";
    bool csv = entry.path().extension() == ".csv";
    bool stderrLog = entry.path().extension() == ".log" && name.find(".sqla.") == std::string::npos;
    if ((!json && !csv && !stderrLog) || name.rfind("stats-", 0) == 0) continue; // stats-: pg_stat_statements
    INFO(name);
    Read serial = read(entry.path().string(), 1);
    REQUIRE(serial.stats.statements > 0);
    for (size_t chunk : {1, 256, 4096}) {
      INFO("chunk bytes " << chunk);
      Read parallel = read(entry.path().string(), 2, chunk);
      checkSame(serial, parallel);
      if (csv)
        CHECK(parallel.stats.chunks == 0); // a quoted field may hold what looks like a record
      else
        CHECK(parallel.stats.chunks > (entry.file_size() > 2 * chunk ? 1 : 0));
    }
    ++compared;
  }
  CHECK(compared >= 40);
}

TEST_CASE("findings and the JSON report of a log read in chunks are those of one thread",
          "[querylog][pipeline][chunked]") {
  // Real logs many times over: more than one chunk of the default size on both cores.
  std::string one;
  for (const char *f : {"lazy.log", "interleaved.log", "datalayer.log", "pgbench.log", "rowtx.log",
                        "params-newline.log", "autoexplain-both.log", "prefix-6.log"})
    one += test::readFile(test::fixture(std::string("logs/") + f));
  std::string text;
  for (int i = 0; i < 60; ++i)
    text += one;
  test::TempDir dir;
  dir.write("many.log", text);
  REQUIRE(text.size() > (4u << 20));

  Read serial = read(dir.file("many.log"), 1);
  Read parallel = read(dir.file("many.log"), 2);
  checkSame(serial, parallel);
  CHECK(parallel.stats.chunks > 1);
  REQUIRE(serial.events.size() > 20000);

  NPlusOneOptions n;
  n.threads = 1;
  NPlusOneStats ss, ps;
  auto s = detectNPlusOne({dir.file("many.log")}, n, &shop(), &ss);
  n.threads = 2;
  n.chunkBytes = 4096;
  auto p = detectNPlusOne({dir.file("many.log")}, n, &shop(), &ps);
  REQUIRE_FALSE(s.empty());
  REQUIRE(s.size() == p.size());
  for (size_t i = 0; i < s.size(); ++i) {
    CHECK(s[i].message == p[i].message);
    CHECK(s[i].location.line == p[i].location.line);
    CHECK(*s[i].count == *p[i].count);
    CHECK(*s[i].occurrences == *p[i].occurrences);
    CHECK(s[i].example == p[i].example);
  }
  CHECK(ss.statements == ps.statements);
  CHECK(ss.shapes == ps.shapes);

  // The whole report, byte for byte, and the statements-read line, through the binary.
  auto run = [&](const std::string &env) {
    return test::runTether({"audit", "--log", dir.file("many.log"), "--format", "json", "--fail-on", "never"},
                           dir.path(), env);
  };
  test::RunResult one1 = run("TETHER_LOG_THREADS=1");
  test::RunResult two = run("TETHER_LOG_THREADS=2 TETHER_LOG_CHUNK_BYTES=1000");
  test::RunResult three = run("TETHER_LOG_THREADS=3 TETHER_LOG_CHUNK_BYTES=65536");
  REQUIRE(one1.exitCode == 0);
  CHECK(one1.out.find("n_plus_one") != std::string::npos);
  CHECK(one1.out == two.out);
  CHECK(one1.err == two.err);
  CHECK(one1.out == three.out);
  CHECK(one1.err == three.err);
}

TEST_CASE("a log that is not a stderr log is refused in chunks as in one piece",
          "[querylog][pipeline][chunked]") {
  test::TempDir dir;
  std::string text;
  for (int i = 0; i < 50; ++i)
    text += "2024-05-01 10:00:00.000 UTC [7] LOG:  statement: SELECT " + std::to_string(i) + "\n";
  dir.write("other.log", text);
  // Given a prefix no line has, every line is skipped: not a log, whoever reads it.
  LogReadOptions o;
  o.format = LogFormat::Postgres;
  o.logPrefix = "%t <%c> ";
  Record r1, r2;
  o.threads = 1;
  CHECK_THROWS_WITH(readQueryLog(dir.file("other.log"), o, r1), Catch::Contains("no line of it"));
  o.threads = 2;
  o.chunkBytes = 64;
  CHECK_THROWS_WITH(readQueryLog(dir.file("other.log"), o, r2), Catch::Contains("no line of it"));
  CHECK(r1.events == r2.events);
}
