// What every round-trip test of a real database needs: loading DDL as a DBA would (psql -f), and a
// catalog print that two databases built alike print alike.
#pragma once
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

namespace tether::test {

inline bool has(const std::string &text, const std::string &what) {
  return text.find(what) != std::string::npos;
}

inline void replaceOnce(std::string &text, const std::string &from, const std::string &to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

inline void loadPgSql(const std::string &url, const std::string &sqlFile) {
  RunResult r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(url) + " -f " + shellQuote(sqlFile));
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0);
}

inline void loadSqliteSql(const std::string &dbPath, const std::string &sqlFile) {
  RunResult r = runShell("sqlite3 " + shellQuote(dbPath) + " < " + shellQuote(sqlFile));
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0);
}

// `tether inspect` of a live database written to path; the file's text.
inline std::string inspectInto(const std::string &url, const std::string &path) {
  RunResult r = runTether({"inspect", "--db", url, "-o", path});
  INFO(r.err);
  REQUIRE(r.exitCode == 0);
  return readFile(path);
}

// pg_dump's schema, the comment, SET and \restrict lines (a random token each run) aside.
inline std::string pgSchemaDump(const std::string &url) {
  RunResult r = runShell("pg_dump --schema-only --no-owner --no-privileges " + shellQuote(url));
  REQUIRE(r.exitCode == 0);
  std::istringstream in(r.out);
  std::string line, out;
  while (std::getline(in, line))
    if (!line.empty() && line.rfind("--", 0) != 0 && line.rfind("SET ", 0) != 0 &&
        line.rfind("SELECT ", 0) != 0 && line.rfind("\\restrict", 0) != 0 &&
        line.rfind("\\unrestrict", 0) != 0)
      out += line + "\n";
  return out;
}

} // namespace tether::test
