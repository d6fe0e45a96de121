#include "support.h"
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace tether::test {

std::string sourceDir() {
  return TETHER_SOURCE_DIR;
}
std::string fixture(const std::string &relative) {
  return sourceDir() + "/tests/fixtures/" + relative;
}

std::string shellQuote(const std::string &s) {
  std::string r = "'";
  for (char c : s) {
    if (c == '\'')
      r += "'\\''";
    else
      r += c;
  }
  return r + "'";
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/tether-test.XXXXXX";
  char *p = mkdtemp(tmpl);
  if (!p) throw std::runtime_error("mkdtemp failed");
  path_ = p;
}
TempDir::~TempDir() {
  std::system(("rm -rf " + shellQuote(path_)).c_str());
}
void TempDir::write(const std::string &name, const std::string &content) const {
  std::ofstream out(file(name), std::ios::binary);
  out << content;
}

RunResult runShell(const std::string &command) {
  RunResult r;
  FILE *p = popen((command + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
    r.out.append(buf.data(), n);
  int status = pclose(p);
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

RunResult runTether(const std::vector<std::string> &args, const std::string &cwd, const std::string &env) {
  TempDir io;
  std::string cmd;
  if (!cwd.empty()) cmd += "cd " + shellQuote(cwd) + " && ";
  cmd += "env NO_COLOR=1 " + env + " " + shellQuote(TETHER_BINARY);
  for (const auto &a : args)
    cmd += " " + shellQuote(a);
  cmd += " </dev/null >" + shellQuote(io.file("out")) + " 2>" + shellQuote(io.file("err"));
  int status = std::system(cmd.c_str());
  RunResult r;
  r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = readFile(io.file("out"));
  r.err = readFile(io.file("err"));
  return r;
}

std::string pgUrl() {
  const char *u = std::getenv("TETHER_TEST_PG_URL");
  return u ? u : "";
}

PgDatabase::PgDatabase() {
  std::string base = pgUrl();
  if (base.empty()) return;
  static std::atomic<int> counter{0};
  name_ = "tether_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  auto slash = base.rfind('/');
  std::string admin = base;
  RunResult r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(admin) + " -c " +
                         shellQuote("CREATE DATABASE " + name_));
  if (r.exitCode != 0) throw std::runtime_error("cannot create test database: " + r.out);
  url_ = base.substr(0, slash + 1) + name_;
}

PgDatabase::~PgDatabase() {
  if (name_.empty()) return;
  runShell("psql -X -q " + shellQuote(pgUrl()) + " -c " +
           shellQuote("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"));
}

} // namespace tether::test
