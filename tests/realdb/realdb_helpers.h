#pragma once
// What the real-database round-trip tests compare: pg_dump's and SQLite's own view of a schema.
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

namespace tether::test {

inline bool has(const std::string &text, const std::string &what) {
  return text.find(what) != std::string::npos;
}

// pg_dump's schema, the comment and SET lines aside (and \restrict, which carries a random token):
// two databases built alike print alike.
inline std::string schemaDump(const std::string &url) {
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

// Every table's columns as SQLite reports them (type, hidden for generated columns).
inline std::string sqliteSchema(const std::string &path) {
  RunResult r = runShell("sqlite3 " + shellQuote(path) +
                         " \"SELECT m.name || '.' || p.name || ' ' || p.type || ' hidden=' || p.hidden "
                         "FROM sqlite_master m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' "
                         "ORDER BY 1\"");
  REQUIRE(r.exitCode == 0);
  return r.out;
}

// sqlite3's .schema: the stored CREATE statements, word for word.
inline std::string sqliteDotSchema(const std::string &path) {
  RunResult r = runShell("sqlite3 " + shellQuote(path) + " .schema");
  REQUIRE(r.exitCode == 0);
  return r.out;
}

inline void replaceOnce(std::string &text, const std::string &from, const std::string &to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
}

} // namespace tether::test
