#pragma once
// pg_dump's schema of a database, shared by the real-database round-trip tests.
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>

namespace tether::test {

// pg_dump's schema, the comment and SET lines aside (and \restrict / \unrestrict, which carry a
// random token): two databases built alike print alike.
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

} // namespace tether::test
