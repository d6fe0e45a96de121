#include "dialect/sqlite/sqlite.h"
#include "dialect/sqlite/sqlite_split.h"
#include "drivers/open.h"
#include "lint/sqlite_reader.h"
#include "migrate/sql_split.h"
#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace tether;

namespace {
const std::string kScript = "-- header; with a semicolon\n"                                     // 1
                            "BEGIN TRANSACTION;\n"                                              // 2
                            "CREATE TABLE t (x TEXT DEFAULT 'a;b', \"c;d\" INTEGER);\n"         // 3
                            "CREATE TABLE log (msg TEXT);\n"                                    // 4
                            "/* block; comment */ CREATE TRIGGER tr AFTER INSERT ON t\n"        // 5
                            "BEGIN\n"                                                           // 6
                            "  INSERT INTO log VALUES (CASE WHEN new.x = 'end;' THEN 'e'\n"     // 7
                            "    ELSE CASE new.\"c;d\" WHEN 1 THEN 'one' END END);\n"           // 8
                            "  UPDATE t SET x = 'x' WHERE 0; -- END;\n"                         // 9
                            "END;\n"                                                            // 10
                            "CREATE TEMP TRIGGER tr2 BEFORE DELETE ON t BEGIN SELECT 1; END;\n" // 11
                            "COMMIT;\n"                                                         // 12
                            "-- only a comment at the end;\n";

std::string text(const std::string &s, const ScriptStatement &st) {
  return s.substr(st.code, st.end - st.code);
}
} // namespace

TEST_CASE("sqlite split: trigger bodies with CASE … END, quoted semicolons and BEGIN TRANSACTION",
          "[sqlite]") {
  auto parts = sqliteDialect().splitStatements(kScript);
  REQUIRE(parts.size() == 6);
  CHECK(text(kScript, parts[0]) == "BEGIN TRANSACTION");
  CHECK(parts[0].line == 1); // its leading comment is part of it
  CHECK(text(kScript, parts[1]).find("'a;b', \"c;d\"") != std::string::npos);
  CHECK(parts[1].line == 3);
  CHECK(parts[3].line == 5);
  CHECK(text(kScript, parts[3]).rfind("CREATE TRIGGER tr", 0) == 0);
  CHECK(text(kScript, parts[3]).size() >= 3);
  CHECK(text(kScript, parts[3]).substr(text(kScript, parts[3]).size() - 3) == "END");
  CHECK(text(kScript, parts[4]).rfind("CREATE TEMP TRIGGER tr2", 0) == 0);
  CHECK(parts[4].line == 11);
  CHECK(text(kScript, parts[5]) == "COMMIT");
  CHECK(parts[5].line == 12);
}

TEST_CASE("sqlite split: each statement is one SQLite itself calls complete, and runs", "[sqlite]") {
  // sqlite3_complete is SQLite's own rule for where a statement ends: every piece is complete, and
  // no piece is complete before its end (else it would have been split there).
  auto parts = sqliteDialect().splitStatements(kScript);
  sqlite3 *db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  for (const auto &p : parts) {
    std::string piece = kScript.substr(p.begin, p.next - p.begin);
    INFO(piece);
    CHECK(sqlite3_complete(piece.c_str()) == 1);
    std::string code = text(kScript, p);
    for (size_t cut = 1; cut < code.size(); ++cut)
      if (code[cut] == ';' && sqlite3_complete(code.substr(0, cut + 1).c_str())) {
        // A ';' SQLite calls complete inside a piece would mean a missed split.
        FAIL("complete before its end: " << code.substr(0, cut + 1));
      }
    char *err = nullptr;
    CHECK(sqlite3_exec(db, code.c_str(), nullptr, nullptr, &err) == SQLITE_OK);
    if (err) sqlite3_free(err);
  }
  sqlite3_close(db);
}

TEST_CASE("sqlite split: the linter and the migrator read the same statements", "[sqlite][lint][migrate]") {
  auto lint = lint::readSqliteStatements(kScript);
  auto migrate = splitSqlScript(kScript, dialectByName("sqlite"));
  REQUIRE(lint.size() == migrate.size());
  for (size_t i = 0; i < lint.size(); ++i) {
    std::string code = kScript.substr(lint[i].begin, lint[i].end - lint[i].begin);
    INFO(code);
    CHECK(migrate[i].sql.size() >= code.size());
    CHECK(migrate[i].sql.substr(migrate[i].sql.size() - code.size()) == code);
    CHECK_FALSE(lint[i].syntaxError);
  }
}

TEST_CASE("sqlite split: unterminated input and stray semicolons never hang or crash", "[sqlite]") {
  CHECK(sqliteDialect().splitStatements("").empty());
  CHECK(sqliteDialect().splitStatements(";;  ;\n-- x\n").empty());
  CHECK(sqliteDialect().splitStatements("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;").size() == 1);
  CHECK(sqliteDialect().splitStatements("SELECT 'open").size() == 1);
  CHECK(sqliteDialect().splitStatements("SELECT 1;; SELECT 2").size() == 2);
  // A column named begin opens no body (the old migrate splitter ran on to the next "; END").
  CHECK(splitSqlScript("CREATE TABLE t (begin INTEGER);\nCREATE TABLE u (x);\n", sqliteDialect()).size() ==
        2);
}
