// Output and environment: a closed pipe, a full disk, read-only SQLite looks that leave no -wal
// or -shm behind, and writes that never follow a planted symlink.
#include "support.h"
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

using namespace tether::test;

namespace {
bool exists(const std::string &p) {
  struct stat st {};
  return lstat(p.c_str(), &st) == 0;
}
std::string binary() {
  return shellQuote(TETHER_BINARY);
}
const std::string kModels = sourceDir() + "/examples/ecommerce";
} // namespace

TEST_CASE("output: | head -1 ends quietly, not with SIGPIPE's 141", "[safety][output]") {
  // bash's PIPESTATUS gives tether's own status; yes-sized output makes the pipe close early.
  RunResult r =
      runShell("bash -c " + shellQuote("NO_COLOR=1 " + binary() +
                                       " help man | head -c 1 >/dev/null; echo \"rc=${PIPESTATUS[0]}\""));
  INFO(r.out);
  CHECK(r.out.find("rc=141") == std::string::npos);
  CHECK(r.out.find("rc=0") != std::string::npos);
}

TEST_CASE("output: a full disk on stdout is exit 2 with a message", "[safety][output]") {
  if (!exists("/dev/full")) return;
  RunResult r = runShell("{ NO_COLOR=1 " + binary() + " erd --models " + shellQuote(kModels) +
                         " >/dev/full; echo rc=$?; } 2>&1");
  INFO(r.out);
  CHECK(r.out.find("rc=2") != std::string::npos);
  CHECK(r.out.find("cannot write to standard output") != std::string::npos);
  RunResult closed = runShell("NO_COLOR=1 " + binary() + " erd --models " + shellQuote(kModels) +
                              " >&- 2>/dev/null; echo rc=$?");
  INFO(closed.out);
  CHECK(closed.out.find("rc=2") != std::string::npos);
}

TEST_CASE("output: plan, audit and inspect leave no -wal or -shm beside a WAL database", "[safety][output]") {
  TempDir d;
  std::string file = d.file("app.db");
  REQUIRE(runTether({"apply", "--yes", "--models", kModels, "--db", "sqlite:///" + file}).exitCode == 0);
  REQUIRE(runShell("sqlite3 " + shellQuote(file) + " 'PRAGMA journal_mode=WAL;'").exitCode == 0);
  REQUIRE_FALSE(exists(file + "-wal"));
  for (const std::vector<std::string> &args :
       {std::vector<std::string>{"plan", "--models", kModels, "--db", "sqlite:///" + file},
        {"audit", "--models", kModels, "--db", "sqlite:///" + file},
        {"inspect", "--db", "sqlite:///" + file}}) {
    RunResult r = runTether(args);
    INFO(args[0] << "\n" << r.out << r.err);
    CHECK(r.exitCode <= 1);
    CHECK_FALSE(exists(file + "-wal"));
    CHECK_FALSE(exists(file + "-shm"));
  }
  // Read-only media: the directory cannot take a -shm file, yet the audit runs.
  if (geteuid() != 0) {
    REQUIRE(chmod(d.path().c_str(), 0555) == 0);
    RunResult ro = runTether({"audit", "--models", kModels, "--db", "sqlite:///" + file});
    chmod(d.path().c_str(), 0755);
    INFO(ro.out << ro.err);
    CHECK(ro.exitCode <= 1);
  } else {
    // Root writes through file modes, so read-only media is a real read-only mount here.
    const std::string media = d.file("media");
    if (runShell("mkdir -p " + shellQuote(media) + " && mount -t tmpfs -o size=16m tmpfs " +
                 shellQuote(media))
            .exitCode != 0) {
      WARN("could not mount a tmpfs to make read-only media");
      return;
    }
    RunResult ro;
    if (runShell("cp " + shellQuote(file) + " " + shellQuote(media) + "/ && mount -o remount,ro " +
                 shellQuote(media))
            .exitCode == 0) {
      ro = runTether({"audit", "--models", kModels, "--db", "sqlite:///" + media + "/app.db"});
    }
    runShell("umount " + shellQuote(media));
    INFO(ro.out << ro.err);
    CHECK(ro.exitCode <= 1);
    CHECK(ro.out.find("orphan_rows") == std::string::npos);
    CHECK(ro.err.find("cannot") == std::string::npos);
  }
}

TEST_CASE("symlinks: the lock file, -o, the snapshot and init never write through a link",
          "[safety][symlink]") {
  TempDir d;
  d.write("precious.txt", "keep me\n");
  const std::string precious = d.file("precious.txt");
  // The migration lock beside a SQLite database.
  std::string migs = d.file("migs");
  REQUIRE(runTether({"migrate", "new", "init", "--dialect", "sqlite", "--models", kModels, "--dir", migs})
              .exitCode == 0);
  REQUIRE(symlink(precious.c_str(), d.file("app.db.tether-lock").c_str()) == 0);
  RunResult lock = runTether({"migrate", "apply", "--dir", migs, "--db", "sqlite:///" + d.file("app.db")});
  INFO(lock.out << lock.err);
  CHECK(lock.exitCode == 2);
  CHECK(lock.err.find("symlink") != std::string::npos);
  CHECK(readFile(precious) == "keep me\n");
  // -o of audit and inspect: the link is replaced by the report, its target untouched.
  REQUIRE(
      runTether({"apply", "--yes", "--models", kModels, "--db", "sqlite:///" + d.file("b.db")}).exitCode ==
      0);
  REQUIRE(symlink(precious.c_str(), d.file("report.json").c_str()) == 0);
  RunResult audit = runTether({"audit", "--models", kModels, "--db", "sqlite:///" + d.file("b.db"),
                               "--format", "json", "-o", d.file("report.json")});
  INFO(audit.err);
  CHECK(audit.exitCode <= 1);
  CHECK(readFile(precious) == "keep me\n");
  CHECK(readFile(d.file("report.json")).find("findings") != std::string::npos);
  REQUIRE(symlink(precious.c_str(), d.file("live.yaml").c_str()) == 0);
  CHECK(runTether({"inspect", "--db", "sqlite:///" + d.file("b.db"), "-o", d.file("live.yaml")}).exitCode ==
        0);
  CHECK(readFile(precious) == "keep me\n");
  // The snapshot and sum file written by migrate new.
  std::string snap = migs + "/schema.snapshot.yaml";
  if (exists(snap)) {
    std::remove(snap.c_str());
    REQUIRE(symlink(precious.c_str(), snap.c_str()) == 0);
    runTether({"migrate", "new", "again", "--dialect", "sqlite", "--models", kModels, "--dir", migs});
    CHECK(readFile(precious) == "keep me\n");
  }
  // init refuses a dangling symlink where tether.yaml goes.
  std::string proj = d.file("proj");
  mkdir(proj.c_str(), 0755);
  REQUIRE(symlink(d.file("elsewhere.yaml").c_str(), (proj + "/tether.yaml").c_str()) == 0);
  RunResult init = runTether({"init"}, proj);
  INFO(init.out << init.err);
  CHECK(init.exitCode == 2);
  CHECK_FALSE(exists(d.file("elsewhere.yaml")));
}
