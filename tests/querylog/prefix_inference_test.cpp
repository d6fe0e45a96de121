#include "querylog/log_prefix.h"
#include "querylog/prefix_inference.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
// The prefix detect() settles on for these lines, and the session it reads from the first.
std::string detected(const std::vector<std::string> &lines, std::string *session = nullptr) {
  auto p = LogLinePrefix::detect(lines);
  if (!p) return "";
  PrefixFields f;
  std::string_view sev;
  if (session && p->match(lines[0], f, sev)) *session = std::string(f.session);
  return p->spec();
}
} // namespace

TEST_CASE("the severity ends the prefix, in English and translated", "[querylog][prefix]") {
  CHECK(pgSeverityStart("2024-05-01 10:00:00 UTC [1] LOG:  statement: SELECT 1") == 28);
  CHECK(pgSeverityStart("2024-05-01 10:00:00 UTC-6631f2a0.1a2b-LOG:  statement: x") == 38);
  CHECK(pgSeverityStart("2024-05-01 10:00:00 UTC [1] FEHLER:  Syntaxfehler") == 28);
  CHECK(pgSeverityStart("no severity here: at all") == std::string_view::npos);
  CHECK(pgSeverityStart("APPLOG:  x") == std::string_view::npos);
}

TEST_CASE("prefixes no list holds are read off the lines", "[querylog][prefix]") {
  std::string session;
  // Heroku's: key = value, quoted values, a timestamp inside quotes, %q before the database.
  CHECK(
      detected({"sql_error_code = 00000 time_ms = \"2024-05-01 10:00:00.123 UTC\" pid=\"4242\" "
                "proc_start_time=\"2024-05-01 09:59:00 UTC\" session_id=\"6631f2a0.1092\" vtid=\"3/7\" "
                "tid=\"0\" log_line=\"5\" database=\"shop\" connection_source=\"10.0.0.1(5432)\" "
                "user=\"app\" application_name=\"web 1\" LOG:  statement: SELECT 1",
                "sql_error_code = 00000 time_ms = \"2024-05-01 10:00:01.000 UTC\" pid=\"77\" "
                "proc_start_time=\"2024-05-01 09:00:00 UTC\" session_id=\"6631f2a0.4d\" vtid=\"\" "
                "tid=\"0\" log_line=\"1\" LOG:  checkpoint starting: time"},
               &session) ==
      "sql_error_code = %e time_ms = \"%m\" pid=\"%p\" proc_start_time=\"%s\" session_id=\"%c\" vtid=\"%v\" "
      "tid=\"%x\" log_line=\"%l\" %qdatabase=\"%d\" connection_source=\"%r\" user=\"%u\" "
      "application_name=\"%a\" ");
  CHECK(session == "6631f2a0.1092");
  // An epoch timestamp, a host with its port, a session id between pipes.
  CHECK(detected({"1714557600.123|127.0.0.1(40112)|6631f2a0.1a2b|bob LOG:  statement: SELECT 1",
                  "1714557600.234|127.0.0.1(40114)|6631f2a0.1a2c|bob LOG:  statement: SELECT 2",
                  "1714557600.456|[local]|6631f2a0.1a2d|bob LOG:  statement: SELECT 3"},
                 &session) == "%n|%r|%c|%a ");
  CHECK(session == "6631f2a0.1a2b");
  // Amazon RDS's, with user@db between colons.
  CHECK(detected({"2022-05-30 04:59:41 UTC:10.0.3.147(57382):postgres@shop:[12768]:LOG:  statement: begin;"},
                 &session) == "%t:%r:%u@%d:[%p]:");
  CHECK(session == "12768");
  // A zone given as an offset, and %t-%c- whose zone is followed by "-".
  CHECK(detected({"2024-05-01 10:00:00 +03-6631f2a0.1a2b-LOG:  statement: SELECT 1"}) == "%t-%c-");
  CHECK(detected({"2024-05-01 10:00:00.5 -05:30 [9] LOG:  statement: SELECT 1"}) == "%m [%p] ");
}

TEST_CASE("syslog's date is not taken for a process id", "[querylog][prefix]") {
  std::string session;
  std::string spec = detected({"Jan  1 10:00:00 db1 postgres[4711]: [1-1] LOG:  statement: SELECT 1",
                               "Jan  1 10:00:01 db1 postgres[4711]: [2-1] LOG:  statement: SELECT 2"},
                              &session);
  CHECK(session == "4711");
  CHECK(spec.find("[%p]: [%l-1] ") != std::string::npos);
}

TEST_CASE("a prefix without a process or session id is not guessed", "[querylog][prefix]") {
  CHECK(detected({"sql_error_code = 00000 LOG:  statement: SELECT 1"}).empty());
  CHECK(inferLogLinePrefixes({"", "\tcontinued", "nothing"}).empty());
}
