#include "core/error.h"
#include "querylog/log_reader.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {

struct Event {
  StatementEvent::Kind kind;
  std::string session, text, params;
  double ts, ms;
  long line;
};

struct Collect : StatementSink {
  std::vector<Event> events;
  void onEvent(const StatementEvent &e) override {
    events.push_back({e.kind, std::string(e.session), std::string(e.text), std::string(e.params),
                      e.timestampMs, e.durationMs, e.line});
  }
  std::vector<Event> statements() const {
    std::vector<Event> out;
    for (const auto &e : events)
      if (e.kind == StatementEvent::Kind::Statement) out.push_back(e);
    return out;
  }
};

LogReadStats readText(const std::string &text, Collect &c, LogReadOptions o = {}) {
  return readQueryLogText(text, "test.log", o, c);
}

std::string logs(const std::string &name) {
  return test::fixture("logs/" + name);
}

} // namespace

TEST_CASE("the four PostgreSQL and SQLAlchemy fixtures of one run read as the same statements",
          "[querylog]") {
  Collect stderrLog, csv, json;
  LogReadStats a = readQueryLog(logs("lazy.log"), {}, stderrLog);
  LogReadStats b = readQueryLog(logs("lazy.csv"), {}, csv);
  LogReadStats c = readQueryLog(logs("lazy.json"), {}, json);
  CHECK(a.format == LogFormat::Postgres);
  CHECK(a.logPrefix == "%m [%p] %q%u@%d ");
  CHECK(b.format == LogFormat::PostgresCsv);
  CHECK(c.format == LogFormat::PostgresJson);
  CHECK(a.skipped == 0);
  CHECK(b.skipped == 0);
  CHECK(c.skipped == 0);
  auto sa = stderrLog.statements(), sb = csv.statements(), sc = json.statements();
  REQUIRE(sa.size() == 46);
  REQUIRE(sb.size() == sa.size());
  REQUIRE(sc.size() == sa.size());
  for (size_t i = 0; i < sa.size(); ++i) {
    CHECK(sa[i].text == sb[i].text);
    CHECK(sa[i].text == sc[i].text);
  }
  // Multi-line statements keep their lines; the stderr log continues them with tabs.
  CHECK(sa[1].text.find("FROM pg_type t JOIN pg_namespace ns\n    ON typnamespace") != std::string::npos);
  CHECK(sa[0].ts > 0);
  // log_min_duration_statement = 0 adds a lone duration line after each statement.
  size_t durations = 0;
  for (const auto &e : stderrLog.events)
    if (e.kind == StatementEvent::Kind::Duration) ++durations;
  CHECK(durations == sa.size());

  Collect sqla;
  LogReadStats d = readQueryLog(logs("lazy.sqla.log"), {}, sqla);
  CHECK(d.format == LogFormat::SqlAlchemy);
  auto sd = sqla.statements();
  REQUIRE(sd.size() == 38);
  CHECK(sd[3].text == "BEGIN");
  CHECK(sd[5].text.find("WHERE %(param_1)s = user_profiles.user_id") != std::string::npos);
  CHECK(sd[5].params == "{'param_1': 1}");
  CHECK(sd.back().text == "COMMIT");
}

TEST_CASE("extended protocol and PREPARE/EXECUTE carry their parameters", "[querylog]") {
  Collect pgbench;
  readQueryLog(logs("pgbench.log"), {}, pgbench);
  auto s = pgbench.statements();
  REQUIRE(s.size() == 20); // parse and bind steps are not executions
  CHECK(s[2].text == "SELECT id, total_amount FROM orders WHERE user_id = $1;");
  CHECK(s[2].params == "$1 = '1'");
  CHECK(s[3].params == "$1 = '2'");

  Collect layer;
  readQueryLog(logs("datalayer.csv"), {}, layer);
  auto l = layer.statements();
  auto it = std::find_if(l.begin(), l.end(), [](const Event &e) { return e.params == "(1)"; });
  REQUIRE(it != l.end());
  CHECK(it->text == "SELECT id, total_amount FROM orders WHERE user_id = $1");
}

TEST_CASE("gzip-compressed logs read transparently", "[querylog]") {
  Collect plain, gz;
  readQueryLog(logs("lazy.log"), {}, plain);
  LogReadStats s = readQueryLog(logs("lazy.log.gz"), {}, gz);
  CHECK(s.format == LogFormat::Postgres);
  REQUIRE(gz.statements().size() == plain.statements().size());
  CHECK(gz.statements().back().text == plain.statements().back().text);
}

TEST_CASE("malformed and truncated lines are skipped and counted, never fatal", "[querylog]") {
  Collect c;
  LogReadStats s =
      readText("2024-05-01 10:00:00.000 UTC [10] app@shop LOG:  statement: SELECT 1\n"
               "garbage that is no log line\n"
               "2024-05-01 10:00:00.001 UTC [10] app@shop LOG:  statement: SELECT\n"
               "\t2\n"
               "2024-05-01 10:00:00.002 UTC [11] LOG:  checkpoint starting: time\n"
               "2024-05-01 10:00:00.003 UTC [10] app@shop ERROR:  relation \"x\" does not exist\n"
               "2024-05-01 10:00:00.003 UTC [10] app@shop STATEMENT:  SELECT * FROM x\n"
               "2024-05-01 10:00:00.004 UTC [10] app@shop LOG:  duration: 0.5 ms  statement: SELECT 3\n"
               "2024-05-01 10:00:00.005 UTC [10] app@sh",
               c);
  CHECK(s.skipped == 2);
  auto st = c.statements();
  REQUIRE(st.size() == 3);
  CHECK(st[1].text == "SELECT\n2");
  CHECK(st[1].line == 3);
  CHECK(st[2].ms == Approx(0.5));
  CHECK(st[2].session == "10");

  Collect csv;
  LogReadStats cs =
      readText("2024-05-01 10:00:00.000 UTC,\"u\",\"d\",10,\"h\",abc.1,1,\"idle\",2024-05-01 10:00:00 UTC,"
               "3/1,0,LOG,00000,\"statement: SELECT 1\",,,,,,,,,\"\",\"client backend\",,0\n"
               "not,a,record\n"
               "2024-05-01 10:00:00.000 UTC,\"u\",\"d\",10,\"h\",abc.1,2,\"idle\",2024-05-01 10:00:00 UTC,"
               "3/1,0,LOG,00000,\"statement: SELECT 'cut off\n",
               csv, {LogFormat::PostgresCsv, ""});
  CHECK(cs.skipped == 2);
  REQUIRE(csv.statements().size() == 1);
  CHECK(csv.statements()[0].session == "abc.1");

  Collect json;
  LogReadStats js =
      readText("{\"timestamp\":\"2024-05-01 10:00:00.000 UTC\",\"pid\":7,\"session_id\":\"s.1\","
               "\"error_severity\":\"LOG\",\"message\":\"statement: SELECT \\\"a\\\"\\nFROM t\"}\n"
               "{\"timestamp\":\"2024-05-01 10:00:00.000 UTC\",\"pid\":7,\"error_sev\n",
               json, {LogFormat::PostgresJson, ""});
  CHECK(js.skipped == 1);
  REQUIRE(json.statements().size() == 1);
  CHECK(json.statements()[0].text == "SELECT \"a\"\nFROM t");
}

TEST_CASE("common log_line_prefixes are detected and --log-prefix covers the rest", "[querylog]") {
  Collect a;
  LogReadStats s = readText(
      "2024-05-01 10:00:00 UTC [42]: [1-1] user=u,db=d,app=psql,client=[local] LOG:  statement: SELECT 1\n"
      "2024-05-01 10:00:00 UTC [42]: [2-1] user=u,db=d,app=psql,client=[local] LOG:  statement: SELECT 2\n",
      a);
  CHECK(s.logPrefix == "%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h ");
  REQUIRE(a.statements().size() == 2);
  CHECK(a.statements()[0].session == "42");

  Collect b;
  LogReadOptions o;
  o.logPrefix = "<%m|%c|%u> ";
  LogReadStats t = readText("<2024-05-01 10:00:00.123 UTC|66a1.2b|bob> LOG:  statement: SELECT 1\n", b, o);
  CHECK(t.format == LogFormat::Postgres);
  REQUIRE(b.statements().size() == 1);
  CHECK(b.statements()[0].session == "66a1.2b");

  Collect c;
  o.logPrefix = "%m %u ";
  CHECK_THROWS_AS(readText("x\n", c, o), Error); // no %p or %c: sessions cannot be told apart
}

TEST_CASE("plain SQL is one session of statements", "[querylog]") {
  Collect c;
  LogReadStats s =
      readText("-- a script\nSELECT * FROM t\n WHERE a = 'x;y';\nBEGIN;\n\\set x 1\nCOMMIT;\n", c);
  CHECK(s.format == LogFormat::Sql);
  CHECK(s.skipped == 1);
  auto st = c.statements();
  REQUIRE(st.size() == 3);
  CHECK(st[0].text == "SELECT * FROM t\n WHERE a = 'x;y';");
  CHECK(st[0].line == 2);
}

TEST_CASE("a file that is not a query log is an error naming it", "[querylog]") {
  Collect c;
  try {
    readText("Dear diary,\ntoday nothing happened.\n", c);
    FAIL("no error");
  } catch (const Error &e) {
    CHECK(std::string(e.what()).find("test.log is not a query log") != std::string::npos);
    CHECK(e.hint().find("--log-format") != std::string::npos);
  }
  CHECK_THROWS_AS(readText(std::string("\x7f"
                                       "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
                                       20),
                           c),
                  Error);
  CHECK_THROWS_AS(readText("Dear diary\n", c, {LogFormat::PostgresJson, ""}), Error);
  CHECK_THROWS_AS(readQueryLog(logs("no-such-file.log"), {}, c), Error);
  // An empty log is a log with nothing in it.
  CHECK(readText("", c).statements == 0);
}

TEST_CASE("SQLAlchemy logs through logging.basicConfig, with a named engine, read too", "[querylog]") {
  Collect c;
  LogReadStats s =
      readText("INFO:sqlalchemy.engine.Engine.shop:BEGIN (implicit)\n"
               "INFO:sqlalchemy.engine.Engine.shop:SELECT users.id FROM users WHERE users.id = ?\n"
               "INFO:sqlalchemy.engine.Engine.shop:[generated in 0.00010s] (5,)\n"
               "INFO:sqlalchemy.engine.Engine.shop:COMMIT\n",
               c);
  CHECK(s.format == LogFormat::SqlAlchemy);
  auto st = c.statements();
  REQUIRE(st.size() == 3);
  CHECK(st[1].params == "(5,)");
  CHECK(st[1].session == "shop");
  CHECK(st[1].ts < 0);
}
