// What every round-trip test of a real database needs: loading DDL as a DBA would (psql -f), and a
// catalog print that two databases built alike print alike.
#pragma once
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

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

// `apply` of the models to a database, after which `plan` finds nothing to do.
inline void expectAppliedClean(const std::string &model, const std::string &url) {
  RunResult apply = runTether({"apply", "--models", model, "--db", url, "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", url, "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(plan.out.empty());
}

// The adoption round trip every real-database test walks: the model inspect wrote (`text`, at
// `model`) passes check, plan against the database it came from finds nothing to do, apply builds
// an empty database from it, which inspects to the same file and plans clean. Callers compare the
// two catalogs their own way afterwards. Returns what plan printed against the live database.
inline std::string expectRoundTrip(const std::string &model, const std::string &text,
                                   const std::string &liveUrl, const std::string &freshUrl,
                                   const std::string &dialect = "") {
  std::vector<std::string> checkArgs{"check", "--models", model};
  if (!dialect.empty()) checkArgs.insert(checkArgs.end(), {"--dialect", dialect});
  RunResult check = runTether(checkArgs);
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", liveUrl, "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  expectAppliedClean(model, freshUrl);
  CHECK(runTether({"inspect", "--db", freshUrl}).out == text);
  return plan.out;
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

// Every table's columns as SQLite reports them (type, hidden for generated columns).
inline std::string sqliteColumnSchema(const std::string &path) {
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

} // namespace tether::test
