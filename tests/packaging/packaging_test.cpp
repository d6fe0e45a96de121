// What installing tether leaves on a machine, and the outputs CI services ingest: `cmake --install`
// into a fresh prefix, completions that match the CLI, one version everywhere, SARIF that GitHub
// code scanning accepts, and the CI recipes run step by step.
#include "support.h"
#include <catch2/catch.hpp>
#include <regex>

using namespace tether::test;

namespace {
std::string buildDir() {
  std::string bin = TETHER_BINARY;
  return bin.substr(0, bin.rfind('/'));
}
std::string python(const std::string &tool, const std::string &args) {
  auto r = runShell("/usr/bin/python3 " + shellQuote(sourceDir() + "/tests/tools/" + tool) + " " + args);
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
  return r.out;
}
} // namespace

TEST_CASE("packaging: cmake --install lays out the binary, man page, completions and docs", "[packaging]") {
  TempDir d;
  auto r = runShell("cmake --install " + shellQuote(buildDir()) + " --prefix " + shellQuote(d.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  auto v = runShell(shellQuote(d.file("bin/tether")) + " --version");
  CHECK(v.exitCode == 0);
  CHECK(v.out == std::string("tether ") + TETHER_VERSION + "\n");
  for (const char *f : {"share/man/man1/tether.1", "share/bash-completion/completions/tether",
                        "share/zsh/vendor-completions/_tether", "share/fish/vendor_completions.d/tether.fish",
                        "share/doc/tether/README.md", "share/doc/tether/CHANGELOG.md"}) {
    INFO(f);
    CHECK(readFile(d.file(f)).size() > 100);
  }
  CHECK(readFile(d.file("share/zsh/vendor-completions/_tether")).rfind("#compdef tether\n", 0) == 0);
}

TEST_CASE("packaging: cmake --install after building only the binary still installs every file",
          "[packaging]") {
  // A partial build (`--target tether`, as scripts/run-example.sh does) leaves the man page and the
  // completions unbuilt; the install makes them from the installed binary's own parser.
  TempDir build, prefix;
  auto cfg =
      runShell("cmake -S " + shellQuote(sourceDir()) + " -B " + shellQuote(build.path()) +
               " -G Ninja -DTETHER_TESTS=OFF >/dev/null && mkdir -p " + shellQuote(build.file("docs")));
  REQUIRE(cfg.exitCode == 0);
  // Stand the already-built binary in for the build, so the test costs no compilation.
  REQUIRE(runShell("cp " + shellQuote(TETHER_BINARY) + " " + shellQuote(build.file("tether"))).exitCode == 0);
  auto r = runShell("cmake --install " + shellQuote(build.path()) + " --prefix " + shellQuote(prefix.path()));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
  CHECK(readFile(prefix.file("share/man/man1/tether.1")).rfind(".TH TETHER 1", 0) == 0);
  CHECK(readFile(prefix.file("share/bash-completion/completions/tether"))
            .find("complete -o default -F _tether tether") != std::string::npos);
}

TEST_CASE("packaging: the completions offer every command and flag --help lists, in bash, zsh and fish",
          "[packaging]") {
  TempDir d;
  std::string args = shellQuote(TETHER_BINARY);
  for (const char *shell : {"bash", "zsh", "fish"}) {
    auto r = runTether({"help", "completions", shell});
    INFO(shell << ": " << r.err);
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find(std::string("completion for tether ") + TETHER_VERSION) != std::string::npos);
    d.write(shell, r.out);
    args += " " + shellQuote(d.file(shell));
  }
  std::string out = python("check_completions.py", args);
  CHECK(out.rfind("ok ", 0) == 0);
  auto bad = runTether({"help", "completions", "powershell"});
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("bash|zsh|fish") != std::string::npos);
  CHECK(runTether({"help", "completions"}).exitCode == 2);
}

TEST_CASE(
    "packaging: one version in CMakeLists.txt reaches --version, the man page, the .deb and the changelog",
    "[packaging]") {
  std::smatch m;
  std::string cmake = readFile(sourceDir() + "/CMakeLists.txt");
  REQUIRE(std::regex_search(cmake, m, std::regex(R"(project\(tether VERSION ([0-9.]+))")));
  std::string version = m[1];
  CHECK(runTether({"--version"}).out == "tether " + version + "\n");
  CHECK(runTether({"help", "man"}).out.find("\"tether " + version + "\"") != std::string::npos);
  std::string cpack = readFile(buildDir() + "/CPackConfig.cmake");
  CHECK(cpack.find("set(CPACK_PACKAGE_VERSION \"" + version + "\")") != std::string::npos);
  std::string changelog = readFile(sourceDir() + "/CHANGELOG.md");
  REQUIRE(std::regex_search(changelog, m, std::regex(R"(\n## ([0-9][0-9.]*)\n)")));
  CHECK(m[1] == version);
}

TEST_CASE("packaging: audit and lint SARIF validate, every result in a file at a line of at least 1",
          "[packaging][sarif]") {
  TempDir d;
  std::string db = d.file("shop.db");
  REQUIRE(runShell("sqlite3 " + shellQuote(db) +
                   " \"CREATE TABLE users (id INTEGER PRIMARY KEY);"
                   " CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));"
                   " CREATE TABLE notes (body TEXT); INSERT INTO orders VALUES (1, 42);\"")
              .exitCode == 0);
  // No models: no finding has a place of its own, so each points at the settings file.
  auto a = runTether({"audit", "--db", "sqlite:///" + db, "--format", "sarif", "-o", d.file("audit.sarif")});
  CHECK(a.exitCode == 1);
  std::string sarif = readFile(d.file("audit.sarif"));
  CHECK(sarif.find("\"uri\": \"tether.yaml\"") != std::string::npos);
  CHECK(sarif.find("\"startLine\": 1}") != std::string::npos);
  auto l = runTether({"migrate", "lint", "--dir", sourceDir() + "/tests/fixtures/lint/postgresql", "--format",
                      "sarif", "--fail-on", "never"});
  d.write("lint.sarif", l.out);
  CHECK(l.exitCode == 0);
  CHECK(l.out.find("\"uri\": \"file:///") != std::string::npos); // an absolute path is a file URI
  std::string out =
      python("check_sarif.py", shellQuote(d.file("audit.sarif")) + " " + shellQuote(d.file("lint.sarif")));
  std::smatch m;
  REQUIRE(std::regex_search(out, m, std::regex(R"(ok (\d+) result)")));
  CHECK(std::stoi(m[1]) >= 5);
}

TEST_CASE(
    "packaging: the CI recipes' shell steps run as pasted and upload valid SARIF even when a gate fails",
    "[packaging][sarif]") {
  std::string out = python("run_ci_recipes.py", shellQuote(TETHER_BINARY) + " " + shellQuote(sourceDir()));
  CHECK(out.rfind("ok github ", 0) == 0);
}
