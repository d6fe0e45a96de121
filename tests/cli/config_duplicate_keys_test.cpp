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

TEST_CASE("config: aliases of aliases that expand past any settings file stop with an error",
          "[cli][config]") {
  TempDir d;
  std::string text = "version: 1\nlint:\n  x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
  for (int i = 1; i < 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "  x" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k)
      text += (k ? ", " : "") + prev;
    text += "]\n";
  }
  d.write("tether.yaml", text);
  RunResult r = runTether({"--config", d.file("tether.yaml"), "check"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("expands to too many values") != std::string::npos);
}
