// Hostile inputs: depth bombs, size bombs, special files, gzip bombs, numbers that overflow.
// Each must end with exit 2 (or a lint finding) and a message, never a crash, a hang or a raw
// C++ exception name.
#include "support.h"
#include <catch2/catch.hpp>
#include <chrono>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

using namespace tether::test;

namespace {
bool crashed(const RunResult &r) {
  return r.exitCode < 0 || r.exitCode > 2;
}
bool rawExceptionName(const RunResult &r) {
  std::string all = r.out + r.err;
  for (const char *name : {"std::", "bad_alloc", "stoi", "stol", "basic_string", "vector::"})
    if (all.find(name) != std::string::npos) return true;
  return false;
}
std::string longSum(size_t terms) {
  std::string s = "SELECT 1";
  s.reserve(terms * 2 + 16);
  for (size_t i = 1; i < terms; ++i)
    s += "+1";
  return s + ";\n";
}
std::string migrationDir(const TempDir &d, const std::string &name, const std::string &sql) {
  std::string dir = d.file(name);
  mkdir(dir.c_str(), 0755);
  d.write(name + "/0001_bomb.up.sql", sql);
  return dir;
}
} // namespace

TEST_CASE("hostile: SELECT 1+1+... with 100k terms does not crash migrate lint", "[safety][hostile]") {
  TempDir d;
  std::string dir = migrationDir(d, "pg", longSum(100000));
  for (const char *dialect : {"postgresql", "sqlite"}) {
    RunResult r = runTether({"migrate", "lint", "--dir", dir, "--dialect", dialect});
    INFO(dialect << "\n" << r.out.substr(0, 2000) << r.err.substr(0, 2000));
    CHECK_FALSE(crashed(r));
    CHECK_FALSE(rawExceptionName(r));
  }
  RunResult pg = runTether({"migrate", "lint", "--dir", dir, "--dialect", "postgresql"});
  // Refused with the position where it got too deep.
  CHECK((pg.out + pg.err).find("too deeply nested") != std::string::npos);
  CHECK((pg.out + pg.err).find("0001_bomb.up.sql:1:") != std::string::npos);
}

TEST_CASE("hostile: nested parentheses and long chains under the bound still parse", "[safety][hostile]") {
  TempDir d;
  std::string sql = "SELECT " + std::string(200, '(') + "1" + std::string(200, ')') + ";\n" + longSum(1000);
  std::string dir = migrationDir(d, "ok", sql);
  RunResult r = runTether({"migrate", "lint", "--dir", dir, "--dialect", "postgresql"});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 0);
  std::string deep =
      migrationDir(d, "deep", "SELECT " + std::string(50000, '(') + "1" + std::string(50000, ')') + ";\n");
  RunResult bomb = runTether({"migrate", "lint", "--dir", deep, "--dialect", "postgresql"});
  CHECK_FALSE(crashed(bomb));
  CHECK((bomb.out + bomb.err).find("too deeply nested") != std::string::npos);
}

TEST_CASE("hostile: a YAML depth bomb is refused with exit 2", "[safety][hostile]") {
  TempDir d;
  d.write("models.yaml", "version: 1\nmodels: " + std::string(100000, '[') + "\n");
  RunResult r = runTether({"check", "--models", d.file("models.yaml")});
  INFO(r.out.substr(0, 500) << r.err.substr(0, 500));
  CHECK_FALSE(crashed(r));
  CHECK_FALSE(rawExceptionName(r));
  CHECK(r.exitCode == 2);
  d.write("tether.yaml", "version: 1\ndb: " + std::string(100000, '{') + "\n");
  RunResult c = runTether({"plan", "--models", sourceDir() + "/examples/ecommerce"}, d.path());
  CHECK_FALSE(crashed(c));
  CHECK(c.exitCode == 2);
}

TEST_CASE("hostile: devices and FIFOs are refused where a regular file is expected", "[safety][hostile]") {
  TempDir d;
  auto started = std::chrono::steady_clock::now();
  RunResult zero = runTether({"check", "--models", "/dev/zero"});
  INFO(zero.out << zero.err);
  CHECK(zero.exitCode == 2);
  CHECK((zero.out + zero.err).find("not a regular file") != std::string::npos);
  CHECK_FALSE(rawExceptionName(zero));
  REQUIRE(mkfifo(d.file("fifo.yaml").c_str(), 0600) == 0);
  RunResult fifo = runTether({"check", "--models", d.file("fifo.yaml")});
  INFO(fifo.out << fifo.err);
  CHECK(fifo.exitCode == 2);
  CHECK((fifo.out + fifo.err).find("FIFO") != std::string::npos);
  RunResult cfg = runTether({"--config", "/dev/zero", "plan", "--models", sourceDir() + "/examples/ecommerce",
                             "--db", "sqlite://"});
  CHECK(cfg.exitCode == 2);
  RunResult log = runTether({"audit", "--log", "/dev/zero"});
  INFO(log.out << log.err);
  CHECK(log.exitCode == 2);
  CHECK_FALSE(rawExceptionName(log));
  mkdir(d.file("mig").c_str(), 0755);
  REQUIRE(mkfifo(d.file("mig/0001_x.up.sql").c_str(), 0600) == 0);
  RunResult lint = runTether({"migrate", "lint", "--dir", d.file("mig"), "--dialect", "sqlite"});
  INFO(lint.out << lint.err);
  // A FIFO named like a migration is refused by name: nothing is read, nothing hangs.
  CHECK(lint.exitCode == 2);
  CHECK(lint.err.find("0001_x.up.sql is not a regular file") != std::string::npos);
  RunResult status = runTether({"migrate", "status", "--dir", d.file("mig"), "--db", "sqlite://"});
  INFO(status.out << status.err);
  CHECK(status.exitCode == 2);
  CHECK(status.err.find("0001_x.up.sql is not a regular file") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(20));
}

TEST_CASE("hostile: a model file over the size limit is refused before it is read", "[safety][hostile]") {
  TempDir d;
  {
    FILE *f = std::fopen(d.file("big.yaml").c_str(), "w");
    REQUIRE(f);
    REQUIRE(ftruncate(fileno(f), (16 << 20) + 1) == 0);
    std::fclose(f);
  }
  RunResult r = runTether({"check", "--models", d.file("big.yaml")});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK((r.out + r.err).find("limit") != std::string::npos);
}

TEST_CASE("hostile: a gzip bomb query log is stopped by the ratio check", "[safety][hostile]") {
  TempDir d;
  // 512 MiB of zeros compress to about 0.5 MiB.
  gzFile gz = gzopen(d.file("bomb.log.gz").c_str(), "wb9");
  REQUIRE(gz);
  std::string zeros(1 << 20, '\0');
  for (int i = 0; i < 512; ++i)
    REQUIRE(gzwrite(gz, zeros.data(), static_cast<unsigned>(zeros.size())) > 0);
  gzclose(gz);
  auto started = std::chrono::steady_clock::now();
  RunResult r = runTether({"audit", "--log", d.file("bomb.log.gz")});
  INFO(r.out << r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("gzip bomb") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(15));
}

TEST_CASE("hostile: numbers that overflow never escape as a C++ exception name", "[safety][hostile]") {
  const std::string models = sourceDir() + "/examples/ecommerce";
  for (const char *url : {"postgresql://u@[::1]:99999999999/db", "postgresql://u@[::1]:0/db",
                          "postgresql://u@h:99999999999/db", "postgresql://u@h:%zz/db"}) {
    RunResult r = runTether({"plan", "--models", models, "--db", url});
    INFO(url << "\n" << r.out << r.err);
    CHECK(r.exitCode == 2);
    CHECK_FALSE(rawExceptionName(r));
  }
  TempDir d;
  d.write(
      "m.yaml",
      "version: 1\nmodels:\n  A:\n    table: a\n    columns:\n      id: {type: Integer, primary_key: true}\n"
      "      s: String(99999999999999999999)\n      n: Numeric(99999999999, 99999999999)\n");
  RunResult m = runTether({"check", "--models", d.file("m.yaml")});
  INFO(m.out << m.err);
  CHECK_FALSE(crashed(m));
  CHECK_FALSE(rawExceptionName(m));
}
