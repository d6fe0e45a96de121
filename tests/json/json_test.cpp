#include "core/error.h"
#include "lint/lint.h"
#include "querylog/log_reader.h"
#include "support.h"
#include "json/json_parse.h"
#include "json/json_text.h"
#include "json/json_view.h"
#include <catch2/catch.hpp>

using namespace tether;

namespace {
struct Statements : StatementSink {
  std::vector<std::string> texts;
  void onEvent(const StatementEvent &e) override {
    if (e.kind == StatementEvent::Kind::Statement) texts.emplace_back(e.text);
  }
};

std::string jsonlogLine(const std::string &message) {
  return "{\"timestamp\":\"2024-05-01 10:00:00.000 UTC\",\"pid\":7,\"session_id\":\"s.1\","
         "\"error_severity\":\"LOG\",\"message\":\"statement: " +
         message + "\"}\n";
}
} // namespace

TEST_CASE("json: one-line layout keeps member order, a space after : and , and three decimals", "[json]") {
  Json j;
  j["b"] = 1;
  j["a"] = Json::array({"x", true, nullptr});
  j["ms"] = 2.5;
  j["empty"] = Json::object();
  CHECK(jsonLine(j) == "{\"b\": 1, \"a\": [\"x\", true, null], \"ms\": 2.500, \"empty\": {}}");
  CHECK(jsonMembers(j).rfind("\"b\": 1, ", 0) == 0);
}

TEST_CASE("json: strings are escaped by the library and stay valid with invalid UTF-8", "[json]") {
  CHECK(jsonLine(Json("q\"b\\c\n\t\x01")) == "\"q\\\"b\\\\c\\n\\t\\u0001\"");
  CHECK(jsonLine(Json("caf\xC3\xA9 \xF0\x9F\x98\x80")) == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\""); // UTF-8 as-is
  // A Latin-1 byte (a migration file or a log not in UTF-8) becomes U+FFFD, never invalid JSON.
  std::string out = jsonLine(Json("caf\xE9"));
  CHECK(out == "\"caf\xEF\xBF\xBD\"");
  CHECK_NOTHROW(Json::parse(out));
}

TEST_CASE("json: a surrogate pair decodes to one code point", "[json]") {
  JsonDoc j = parseJson("{\"s\": \"\\ud83d\\ude00!\"}", "t.json");
  CHECK(j["s"].get<std::string>() == "\xF0\x9F\x98\x80!");
}

TEST_CASE("json: malformed input is a syntax Error with its line and column", "[json]") {
  auto expectError = [](const std::string &text, int line) {
    try {
      parseJson(text, "t.json");
      FAIL("parsed: " + text);
    } catch (const Error &e) {
      CHECK(e.kind() == ErrorKind::Syntax);
      CHECK(e.where().file == "t.json");
      CHECK(e.where().line == line);
      CHECK(e.where().column > 0);
    }
  };
  expectError("{\"a\": 1,\n \"b\": }", 2);
  expectError("{\"s\": \"\\ud83d\"}", 1);   // a lone high surrogate
  expectError("{\"s\": \"caf\xE9\"}", 1);   // invalid UTF-8 inside a string
  expectError("[1, 2", 1);                  // truncated
  expectError(std::string(100000, '['), 1); // deep nesting: an error, never a crash
}

TEST_CASE("json: a view reads missing members and items as null", "[json]") {
  JsonDoc doc = parseJson("{\"a\": {\"b\": [1, \"two\"]}, \"t\": true}", "t.json");
  JsonView v(doc);
  CHECK(v["a"]["b"].items().size() == 2);
  CHECK(v["a"]["b"].items()[0].asInt() == 1);
  CHECK(v["a"]["b"].items()[1].asString() == "two");
  CHECK(v["nope"]["deeper"].isNull());
  CHECK(v["nope"]["deeper"].asString().empty());
  CHECK(v["t"].asBool());
  CHECK(v.has("a"));
  CHECK_FALSE(v["a"].has("zz"));
  CHECK(v.members().size() == 2);
}

TEST_CASE("json: the jsonlog reader decodes a surrogate pair and keeps a line with invalid UTF-8",
          "[json][querylog]") {
  Statements s;
  LogReadStats st = readQueryLogText(jsonlogLine("SELECT '\\ud83d\\ude00'") +
                                         jsonlogLine("SELECT 'caf\xE9'") + jsonlogLine("SELECT '\\ud83d'"),
                                     "test.json", {LogFormat::PostgresJson, ""}, s);
  REQUIRE(s.texts.size() == 2);
  CHECK(s.texts[0] == "SELECT '\xF0\x9F\x98\x80'");
  CHECK(s.texts[1] == "SELECT 'caf\xEF\xBF\xBD'");
  CHECK(st.skipped == 1); // the lone surrogate is malformed JSON: skipped and counted, never a crash
}

TEST_CASE("json: the PostgreSQL linter reads a parse tree with non-ASCII text", "[json][lint]") {
  test::TempDir d;
  d.write("0001_a.up.sql",
          "ALTER TABLE users ADD COLUMN \"caf\xC3\xA9 \xF0\x9F\x98\x80\" integer NOT NULL;\n");
  LintOptions o;
  o.dialect = "postgresql";
  auto findings = lintMigrationFiles({d.file("0001_a.up.sql")}, o, {});
  bool found = false;
  for (const auto &f : findings)
    if (f.check == "add-not-null-column-without-default") {
      found = true;
      CHECK(f.columns == std::vector<std::string>{"caf\xC3\xA9 \xF0\x9F\x98\x80"});
    }
  CHECK(found);
}
