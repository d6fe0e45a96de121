#include "support.h"
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>

using namespace tether::test;
namespace fs = std::filesystem;

namespace {
// Runs the build's own module-map check on a source tree.
RunResult checkModuleMap(const std::string &tree) {
  return runShell("cmake -DSRC=" + shellQuote(tree) +
                  " -DMAP=" + shellQuote(TETHER_BUILD_DIR "/module_map.txt") + " -P " +
                  shellQuote(sourceDir() + "/cmake/CheckModuleMap.cmake") + " 2>&1");
}

// A copy of lib/ (sources only) to plant a forbidden include in.
void copyLib(const std::string &to) {
  fs::copy(sourceDir() + "/lib", to + "/lib", fs::copy_options::recursive);
}
} // namespace

TEST_CASE("module map: the tree as committed keeps its map", "[architecture]") {
  RunResult r = checkModuleMap(sourceDir());
  INFO(r.out);
  CHECK(r.exitCode == 0);
}

TEST_CASE("module map: a dialect include in lib/diff fails the check", "[architecture]") {
  TempDir t;
  copyLib(t.path());
  std::ofstream(t.path() + "/lib/diff/differ.h", std::ios::app) << "\n#include \"dialect/dialect.h\"\n";
  RunResult r = checkModuleMap(t.path());
  CHECK(r.exitCode != 0);
  CHECK(r.out.find("lib/diff may not include \"dialect/dialect.h\"") != std::string::npos);
}

TEST_CASE("module map: a vendor header outside the folder that wraps it fails the check", "[architecture]") {
  TempDir t;
  copyLib(t.path());
  std::ofstream(t.path() + "/lib/plan/plan.cpp", std::ios::app) << "\n#include <sqlite3.h>\n";
  RunResult r = checkModuleMap(t.path());
  CHECK(r.exitCode != 0);
  CHECK(r.out.find("lib/plan may not include <sqlite3.h>") != std::string::npos);
}

TEST_CASE("module map: the neutral core names no dialect", "[architecture]") {
  std::regex dialectName("\"(postgresql|sqlite)\"");
  for (const char *dir : {"core", "model", "diff", "plan"}) {
    for (const auto &e : fs::directory_iterator(sourceDir() + "/lib/" + dir)) {
      std::ifstream in(e.path());
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        ++n;
        if (line.find("//") != std::string::npos) line = line.substr(0, line.find("//"));
        INFO(e.path().string() << ":" << n);
        CHECK_FALSE(std::regex_search(line, dialectName));
      }
    }
  }
}

TEST_CASE("module map: no file of lib or cmd outside lib/dialect and lib/drivers spells \"postgresql\"",
          "[architecture]") {
  for (const char *top : {"lib", "cmd"})
    for (const auto &e : fs::recursive_directory_iterator(sourceDir() + "/" + top)) {
      const std::string path = e.path().string();
      if (!e.is_regular_file() || path.find("/lib/dialect/") != std::string::npos ||
          path.find("/lib/drivers/") != std::string::npos)
        continue;
      INFO(path);
      CHECK(readFile(path).find("\"postgresql\"") == std::string::npos);
    }
}

TEST_CASE("test names: none contains a semicolon, which ctest would split into two empty runs",
          "[architecture]") {
  std::regex testCase("TEST_CASE\\(\\s*\"([^\"]*)\"");
  for (const auto &e : fs::recursive_directory_iterator(sourceDir() + "/tests")) {
    if (e.path().extension() != ".cpp") continue;
    std::string text = readFile(e.path().string());
    for (std::sregex_iterator it(text.begin(), text.end(), testCase), end; it != end; ++it) {
      INFO(e.path().string() << ": " << (*it)[1]);
      CHECK((*it)[1].str().find(';') == std::string::npos);
    }
  }
}

namespace {
RunResult checkDialectNames(const std::string &tree) {
  return runShell("cmake -DSRC=" + shellQuote(tree) + " -P " +
                  shellQuote(sourceDir() + "/cmake/CheckDialectNames.cmake") + " 2>&1");
}
} // namespace

TEST_CASE("dialect names: none is spelled outside lib/dialect and lib/drivers", "[architecture]") {
  RunResult r = checkDialectNames(sourceDir());
  INFO(r.out);
  CHECK(r.exitCode == 0);
}

TEST_CASE("dialect names: a comparison with a dialect name in lib/migrate fails the check",
          "[architecture]") {
  TempDir t;
  copyLib(t.path());
  fs::create_directories(t.path() + "/cmd");
  std::ofstream(t.path() + "/lib/migrate/migrator.cpp", std::ios::app)
      << "\nstatic bool isPg(const std::string &n) { return n == \"postgresql\"; }\n";
  RunResult r = checkDialectNames(t.path());
  CHECK(r.exitCode != 0);
  CHECK(r.out.find("lib/migrate/migrator.cpp:") != std::string::npos);
  CHECK(r.out.find("names the dialect \"postgresql\"") != std::string::npos);
  // The same spelling inside lib/dialect is where it belongs.
  TempDir ok;
  copyLib(ok.path());
  std::ofstream(ok.path() + "/lib/dialect/sqlite/sqlite_dialect.cpp", std::ios::app)
      << "\nstatic const char *kName = \"sqlite\";\n";
  CHECK(checkDialectNames(ok.path()).exitCode == 0);
}
