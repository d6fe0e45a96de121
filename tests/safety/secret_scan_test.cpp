// The secret scan: every command, in every output format, on every failure path and on success,
// with a sentinel password in each place a database URL can carry one (the userinfo, a
// password= parameter, an sslpassword= parameter), given through --db, DATABASE_URL and the db:
// line of tether.yaml. The sentinel must appear nowhere in stdout or stderr.
#include "support.h"
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether::test;

namespace {
// Holds the characters that break naive URL parsing: '/', '?' and '@' unencoded.
const std::string kSentinel = "Zq9-S3ntinel/pw?x@y";
const std::string kSentinelCore = "S3ntinel";

struct Place {
  std::string name;
  // Builds the URL for host:port/db with the sentinel in this place.
  std::string (*make)(const std::string &user, const std::string &hostPortDb, const std::string &extra);
};

std::string inUserinfo(const std::string &user, const std::string &hpd, const std::string &extra) {
  return "postgresql://" + user + ":" + kSentinel + "@" + hpd + (extra.empty() ? "" : "?" + extra);
}
std::string inPasswordParam(const std::string &user, const std::string &hpd, const std::string &extra) {
  return "postgresql://" + user + "@" + hpd + "?password=" + kSentinel + (extra.empty() ? "" : "&" + extra);
}
std::string inSslPassword(const std::string &user, const std::string &hpd, const std::string &extra) {
  return "postgresql://" + user + "@" + hpd + "?" + (extra.empty() ? "" : extra + "&") +
         "sslpassword=" + kSentinel;
}

const std::vector<Place> &places() {
  static const std::vector<Place> p = {
      {"userinfo", inUserinfo}, {"password=", inPasswordParam}, {"sslpassword=", inSslPassword}};
  return p;
}

struct Workspace {
  TempDir dir;
  std::string models = sourceDir() + "/examples/ecommerce";
  std::string migrations;
  Workspace() {
    migrations = dir.file("migrations");
    RunResult r = runTether(
        {"migrate", "new", "init", "--dialect", "postgresql", "--models", models, "--dir", migrations});
    INFO(r.out << r.err);
    REQUIRE(r.exitCode == 0);
  }
};

std::vector<std::vector<std::string>> commands(const Workspace &w) {
  return {
      {"plan", "--models", w.models},
      {"plan", "--models", w.models, "--format", "json"},
      {"apply", "--yes", "--models", w.models},
      {"audit", "--models", w.models},
      {"audit", "--models", w.models, "--format", "json"},
      {"audit", "--models", w.models, "--format", "sarif"},
      {"audit", "--models", w.models, "--format", "junit"},
      {"inspect"},
      {"migrate", "status", "--dir", w.migrations},
      {"migrate", "status", "--dir", w.migrations, "--format", "json"},
      {"migrate", "apply", "--dir", w.migrations},
      {"migrate", "down", "--dir", w.migrations},
      {"migrate", "lint", "--dir", w.migrations},
  };
}

enum class Via { Flag, Env, Config };

RunResult runVia(Via via, std::vector<std::string> args, const std::string &url, const Workspace &w) {
  if (via == Via::Flag) {
    args.push_back("--db");
    args.push_back(url);
    return runTether(args, w.dir.path());
  }
  if (via == Via::Env) return runTether(args, w.dir.path(), "DATABASE_URL=" + shellQuote(url));
  // A double-quoted YAML scalar keeps every character of the URL literal.
  std::string escaped;
  for (char c : url) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  w.dir.write("tether.yaml", "version: 1\ndb: \"" + escaped + "\"\n");
  RunResult r = runTether(args, w.dir.path());
  std::remove(w.dir.file("tether.yaml").c_str());
  return r;
}

const char *viaName(Via v) {
  return v == Via::Flag ? "--db" : v == Via::Env ? "DATABASE_URL" : "tether.yaml";
}

// Runs every command through every source with the sentinel in every place; returns the runs.
int scan(const Workspace &w, const std::string &failure, const std::string &user, const std::string &hpd,
         const std::string &extra, bool expectFailure) {
  int runs = 0;
  for (const auto &place : places()) {
    std::string url = place.make(user, hpd, extra);
    for (Via via : {Via::Flag, Via::Env, Via::Config}) {
      for (const auto &cmd : commands(w)) {
        RunResult r = runVia(via, cmd, url, w);
        ++runs;
        std::string all = r.out + r.err;
        std::ostringstream what;
        what << failure << " | " << place.name << " via " << viaName(via) << " | tether";
        for (const auto &a : cmd)
          what << " " << a;
        what << "\nexit " << r.exitCode << "\n" << all;
        INFO(what.str());
        CHECK(all.find(kSentinel) == std::string::npos);
        CHECK(all.find(kSentinelCore) == std::string::npos);
        if (expectFailure && cmd[0] != "migrate") CHECK(r.exitCode == 2);
        CHECK(r.exitCode != -1); // never a crash
      }
    }
  }
  return runs;
}
} // namespace

TEST_CASE("secret scan: no failure path prints the password (no server needed)", "[safety][secrets]") {
  Workspace w;
  // Unreachable host: nothing listens on port 1.
  CHECK(scan(w, "unreachable host", "u", "127.0.0.1:1/db", "", true) > 0);
  // Bad URLs: a bad port, an IPv6 port out of range, a bad sslmode.
  CHECK(scan(w, "bad port", "u", "127.0.0.1:ab/db", "", true) > 0);
  CHECK(scan(w, "IPv6 port out of range", "u", "[::1]:99999999999/db", "", true) > 0);
  CHECK(scan(w, "bad sslmode", "u", "127.0.0.1:1/db", "sslmode=bogus", true) > 0);
}

TEST_CASE("secret scan: URLs that cannot be parsed are masked from // to the last @", "[safety][secrets]") {
  Workspace w;
  for (const std::string &url :
       {"postgresql:/u:" + kSentinel + "@127.0.0.1:1/db",
        "postgresql://u:" + kSentinel + "@127.0.0.1:65536/db", "mysql://u:" + kSentinel + "@127.0.0.1/db",
        "u:" + kSentinel + "@127.0.0.1/db", "sqlite://u:" + kSentinel + "@host/x.db"}) {
    for (Via via : {Via::Flag, Via::Env, Via::Config}) {
      RunResult r = runVia(via, {"plan", "--models", w.models}, url, w);
      INFO(url << " via " << viaName(via) << "\n" << r.out << r.err);
      CHECK(r.exitCode == 2);
      CHECK((r.out + r.err).find(kSentinelCore) == std::string::npos);
    }
  }
}

TEST_CASE("secret scan: bad password, missing database and success on the real server",
          "[safety][secrets][postgres]") {
  if (pgUrl().empty()) {
    if (std::getenv("CI")) FAIL("TETHER_TEST_PG_URL is not set: run under scripts/pg-temp.sh");
    WARN("PostgreSQL not available: run under scripts/pg-temp.sh");
    return;
  }
  Workspace w;
  PgDatabase db;
  // A role whose password is the sentinel, so the success path carries it too.
  std::string admin = pgUrl();
  std::string role = "sentinel_" + db.name();
  std::string sqlPw;
  for (char c : kSentinel) {
    if (c == '\'') sqlPw += '\'';
    sqlPw += c;
  }
  RunResult made = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(admin) + " -c " +
                            shellQuote("CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + sqlPw + "'"));
  INFO(made.out);
  REQUIRE(made.exitCode == 0);
  // host:port from the admin URL (postgresql://tether:pw@127.0.0.1:PORT/postgres).
  std::string hostPort = admin.substr(admin.rfind('@') + 1);
  hostPort = hostPort.substr(0, hostPort.find('/'));
  CHECK(scan(w, "bad password", "tether", hostPort + "/" + db.name(), "", true) > 0);
  CHECK(scan(w, "missing database", role, hostPort + "/no_such_db_" + db.name(), "", true) > 0);
  CHECK(scan(w, "success", role, hostPort + "/" + db.name(), "", false) > 0);
  runShell("psql -X -q " + shellQuote(admin) + " -c " +
           shellQuote("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)"));
  runShell("psql -X -q " + shellQuote(admin) + " -c " + shellQuote("DROP ROLE IF EXISTS " + role));
}
