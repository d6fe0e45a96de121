// migrate new must resolve the name PostgreSQL gave an unnamed constraint, and never write a
// migration that its own lint cannot parse.
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("migrate new: changing an unnamed FK drops it by PostgreSQL's own name", "[safety][migrate-new]") {
  TempDir d;
  const std::string v1 = sourceDir() + "/tests/fixtures/migrate/ecommerce_v1/models.yaml";
  std::string v2 = readFile(v1);
  const std::string from = "user_id: {type: Integer, foreign_key: users.id,";
  auto at = v2.find(from);
  REQUIRE(at != std::string::npos);
  v2.replace(at, from.size(),
             "user_id: {type: Integer, foreign_key: {column: users.id, on_delete: CASCADE},");
  d.write("v2.yaml", v2);
  std::string dir = d.file("migs");
  REQUIRE(runTether({"migrate", "new", "initial", "--models", v1, "--dialect", "postgresql", "--dir", dir})
              .exitCode == 0);
  RunResult r = runTether(
      {"migrate", "new", "cascade", "--models", d.file("v2.yaml"), "--dialect", "postgresql", "--dir", dir});
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  std::string up = readFile(dir + "/0002_cascade.up.sql");
  std::string down = readFile(dir + "/0002_cascade.down.sql");
  INFO(up << down);
  CHECK(up.find("DROP CONSTRAINT \"\"") == std::string::npos);
  CHECK(up.find("DROP CONSTRAINT \"orders_user_id_fkey\"") != std::string::npos);
  CHECK(down.find("DROP CONSTRAINT \"\"") == std::string::npos);
  RunResult lint = runTether({"migrate", "lint", "--dir", dir, "--dialect", "postgresql", "--include-down"});
  INFO(lint.out << lint.err);
  CHECK(lint.out.find("syntax") == std::string::npos);
}
