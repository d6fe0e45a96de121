#pragma once
#include <string>
#include <vector>

namespace tether::test {

// The repository root, for fixtures.
std::string sourceDir();
std::string fixture(const std::string &relative); // tests/fixtures/<relative>

struct RunResult {
  int exitCode = -1;
  std::string out; // stdout
  std::string err; // stderr
};
// Runs the built tether binary with arguments (each shell-quoted), optional stdin text and
// working directory. Never through a TTY, so output is uncoloured.
RunResult runTether(const std::vector<std::string> &args, const std::string &cwd = "",
                    const std::string &env = "");

// A fresh temporary directory removed when the object dies.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  std::string file(const std::string &name) const { return path_ + "/" + name; }
  void write(const std::string &name, const std::string &content) const;

private:
  std::string path_;
};

std::string readFile(const std::string &path);
std::string shellQuote(const std::string &s);

// The throwaway server's URL from scripts/pg-temp.sh, or "" when tests run without it.
std::string pgUrl();
// Creates a fresh database on the test server and returns its URL; dropped by the returned guard.
class PgDatabase {
public:
  PgDatabase();
  ~PgDatabase();
  PgDatabase(const PgDatabase &) = delete;
  PgDatabase &operator=(const PgDatabase &) = delete;
  const std::string &url() const { return url_; }
  const std::string &name() const { return name_; }
  bool available() const { return !url_.empty(); }

private:
  std::string url_, name_;
};

// Runs a shell command, returning its exit code and combined output.
RunResult runShell(const std::string &command);

} // namespace tether::test

// Skips a test cleanly (with a visible warning) when PostgreSQL is not running; in CI
// (CI=true) a missing server is a failure, never a silent skip.
#define REQUIRE_PG()                                                                                         \
  do {                                                                                                       \
    if (tether::test::pgUrl().empty()) {                                                                     \
      if (std::getenv("CI")) FAIL("TETHER_TEST_PG_URL is not set: run under scripts/pg-temp.sh");            \
      WARN("PostgreSQL not available: run under scripts/pg-temp.sh");                                        \
      return;                                                                                                \
    }                                                                                                        \
  } while (0)
