#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

TEST_CASE("config: a key given twice in tether.yaml is an error at its second place", "[cli][config]") {
  TempDir d;
  d.write("tether.yaml", "models: " + sourceDir() +
                             "/examples/ecommerce\naudit:\n  n_plus_one_threshold: 3\n"
                             "models: elsewhere\n");
  RunResult r = runTether({"--config", d.file("tether.yaml"), "check"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("tether.yaml:4:1") != std::string::npos);
  CHECK(r.err.find("'models' appears twice") != std::string::npos);
  CHECK(r.err.find("the first is at") != std::string::npos);

  // Nested settings are held to the same rule.
  d.write("tether.yaml",
          "models: " + sourceDir() +
              "/examples/ecommerce\naudit:\n  n_plus_one_threshold: 3\n  n_plus_one_threshold: 5\n");
  r = runTether({"--config", d.file("tether.yaml"), "check"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("tether.yaml:4:3") != std::string::npos);

  // The same settings written once are fine.
  d.write("tether.yaml",
          "models: " + sourceDir() + "/examples/ecommerce\naudit:\n  n_plus_one_threshold: 3\n");
  r = runTether({"--config", d.file("tether.yaml"), "check"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
}

TEST_CASE("config: an alias inside the node it names is an error at its place, not a hang", "[cli][config]") {
  TempDir d;
  d.write("tether.yaml", "version: 1\nlint:\n  ignore: &x [*x]\n");
  RunResult r = runTether({"--config", d.file("tether.yaml"), "check"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("tether.yaml:3:15: error: invalid YAML: an alias inside the node its anchor names") !=
        std::string::npos);
}
