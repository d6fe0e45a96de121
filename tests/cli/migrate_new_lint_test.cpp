#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("cli migrate new: lints what it generates, and --online output is lint-clean", "[cli][lint]") {
  TempDir d;
  const std::string v1 = sourceDir() + "/tests/fixtures/migrate/ecommerce_v1/models.yaml";
  std::string v2 = readFile(v1);
  auto at = v2.find("      status: String(50)");
  REQUIRE(at != std::string::npos);
  v2.replace(at, std::string("      status: String(50)").size(),
             "      status: {type: String(50), index: true}");
  d.write("v2.yaml", v2);
  for (bool online : {false, true}) {
    std::string dir = d.file(online ? "online" : "plain");
    REQUIRE(runTether({"migrate", "new", "initial", "--models", v1, "--dialect", "postgresql", "--dir", dir})
                .exitCode == 0);
    std::vector<std::string> args = {"migrate",   "new",        "status_index", "--models", d.file("v2.yaml"),
                                     "--dialect", "postgresql", "--dir",        dir};
    if (online) args.push_back("--online");
    auto r = runTether(args);
    INFO(r.out << r.err);
    CHECK(r.exitCode == 0);
    if (!online) {
      CHECK(r.out.find("create-index-without-concurrently") != std::string::npos);
      CHECK(r.out.find("hint: tether migrate new --online") != std::string::npos);
    } else {
      CHECK(r.out.find("migrate lint on") == std::string::npos);
      auto lint = runTether({"migrate", "lint", "--dir", dir, "--dialect", "postgresql", "--format", "json"});
      INFO(lint.out);
      CHECK(lint.exitCode == 0);
    }
  }
}
