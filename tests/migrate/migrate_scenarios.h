#pragma once
// Each scenario runs the real CLI against a real database given by URL, so the SQLite and the
// PostgreSQL test files share them.
#include "migrate_support.h"
#include <algorithm>

namespace tether::test::mig {

inline std::string dialectOf(const std::string &url) { return url.rfind("sqlite", 0) == 0 ? "sqlite" : "postgresql"; }

inline void cycle(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  RunResult st = migrate({"status", "--db", url, "--dir", dir});
  CHECK(st.exitCode == 0);
  CHECK(st.out.find("0 applied, 3 pending") != std::string::npos);

  RunResult up = migrate({"apply", "--db", url, "--dir", dir});
  INFO(up.out + up.err);
  REQUIRE(up.exitCode == 0);
  CHECK(up.out.find("applied 0003_post_titles") != std::string::npos);
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001", "0002", "0003"});
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE applied_at IS NOT NULL AND duration_ms >= 0 "
                   "AND checksum IS NOT NULL AND name = 'post_titles'") == 1);
  RunResult json = migrate({"status", "--db", url, "--dir", dir, "--format", "json"});
  CHECK(json.out.find("\"summary\": {\"applied\": 3, \"pending\": 0, \"modified\": 0, \"missing\": 0}") !=
        std::string::npos);

  RunResult down = migrate({"down", "--db", url, "--dir", dir});
  INFO(down.out + down.err);
  REQUIRE(down.exitCode == 0);
  CHECK(down.out.find("reverted 0003_post_titles") != std::string::npos);
  CHECK(down.out.find("0002") == std::string::npos); // only the last one
  CHECK(openConnection(url)->introspect().table("posts")->column("title") == nullptr);
  CHECK(migrate({"status", "--db", url, "--dir", dir}).out.find("2 applied, 1 pending") != std::string::npos);

  REQUIRE(migrate({"down", "--db", url, "--dir", dir, "--to", "0001"}).exitCode == 0);
  CHECK_FALSE(hasTable(url, "posts"));
  CHECK(hasTable(url, "users"));
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001"});

  RunResult dry = migrate({"apply", "--db", url, "--dir", dir, "--dry-run"});
  CHECK(dry.exitCode == 0);
  CHECK(dry.out.find("would apply 0002_posts") != std::string::npos);
  CHECK_FALSE(hasTable(url, "posts"));

  REQUIRE(migrate({"apply", "--db", url, "--dir", dir, "--to", "0002"}).exitCode == 0);
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001", "0002"});
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  RunResult again = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(again.exitCode == 0);
  CHECK(again.out.find("nothing to apply") != std::string::npos);
  RunResult plan = runTether({"plan", "--db", url, "--models", tmp.file("models.yaml"), "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
}

inline void editedAfterApply(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir, "--to", "0002"}).exitCode == 0);
  handEdit(dir, "0002_posts.up.sql", "-- create table posts", "-- create table posts (reviewed)");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0002_posts.up.sql was changed after it was applied") != std::string::npos);
  CHECK(recordedVersions(url).size() == 2); // 0003 not applied either
  RunResult st = migrate({"status", "--db", url, "--dir", dir});
  CHECK(st.out.find("0002  modified") != std::string::npos);
  CHECK(migrate({"down", "--db", url, "--dir", dir}).exitCode == 2);
}

inline void sumMismatch(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  handEdit(dir, "0003_post_titles.up.sql", "NOT NULL", "NULL", /*resign=*/false);
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0003_post_titles.up.sql: changed since it was signed") != std::string::npos);
  CHECK(r.err.find("migrate hash") != std::string::npos);
  CHECK_FALSE(hasTable(url, "users"));
  RunResult check = migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir});
  CHECK(check.exitCode == 1);
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  CHECK(migrate({"check", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);
  CHECK(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
}

inline void failingInTheMiddle(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  // A hand-written data step after the table is created: the table must vanish with it.
  handEdit(dir, "0002_posts.up.sql", "-- create index", "INSERT INTO no_such_table VALUES (1);\n-- create index");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0002_posts.up.sql") != std::string::npos);
  CHECK(r.err.find("INSERT INTO no_such_table") != std::string::npos);
  CHECK((r.err.find("no such table") != std::string::npos || r.err.find("does not exist") != std::string::npos));
  CHECK(r.out.find("applied 0001_users") != std::string::npos);
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001"});
  CHECK(hasTable(url, "users"));
  CHECK_FALSE(hasTable(url, "posts"));
}

inline void concurrentAppliers(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  std::string one = shellQuote(TETHER_BINARY) + " migrate apply --db " + shellQuote(url) + " --dir " + shellQuote(dir);
  std::string cmd;
  for (int i = 1; i <= 3; ++i)
    cmd += "(" + one + " > " + shellQuote(tmp.file("out" + std::to_string(i))) + " 2>&1; echo $? > " +
           shellQuote(tmp.file("rc" + std::to_string(i))) + ") & ";
  cmd += "wait";
  runShell(cmd);
  std::string all;
  for (int i = 1; i <= 3; ++i) {
    std::string out = readFile(tmp.file("out" + std::to_string(i)));
    INFO(out);
    CHECK(readFile(tmp.file("rc" + std::to_string(i))) == "0\n");
    all += out;
  }
  INFO(all);
  for (const char *v : {"applied 0001_users", "applied 0002_posts", "applied 0003_post_titles"}) {
    size_t n = 0;
    for (auto at = all.find(v); at != std::string::npos; at = all.find(v, at + 1)) ++n;
    CHECK(n == 1);
  }
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001", "0002", "0003"});
  CHECK(count(url, "SELECT count(*) FROM tether_migrations") == 3);
}

inline void olderOrMissingRevisionTable(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  // Status reads a database that never saw a migration without creating anything.
  CHECK(migrate({"status", "--db", url, "--dir", dir}).out.find("0 applied, 3 pending") != std::string::npos);
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir, "--to", "0001"}).exitCode == 0);
  // An older layout: version only, stored as an integer.
  exec(url, "DROP TABLE tether_migrations");
  exec(url, "CREATE TABLE tether_migrations (version INTEGER PRIMARY KEY)");
  exec(url, "INSERT INTO tether_migrations (version) VALUES (1)");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.find("0001") == std::string::npos); // recognised as applied
  CHECK(r.out.find("applied 0003_post_titles") != std::string::npos);
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE name = 'posts' AND checksum IS NOT NULL") == 1);
  RunResult st = migrate({"status", "--db", url, "--dir", dir});
  CHECK(st.out.find("3 applied, 0 pending, 0 modified after apply, 0 missing") != std::string::npos);
  // A version recorded whose files are gone is reported as missing.
  exec(url, "INSERT INTO tether_migrations (version, name) VALUES (7, 'lost')");
  CHECK(migrate({"status", "--db", url, "--dir", dir}).out.find("7  missing  lost") != std::string::npos);
}

inline void driftRefused(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  exec(url, "CREATE TABLE hand_made (x INTEGER)");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("hand_made") != std::string::npos);
  CHECK(r.err.find("--allow-drift") != std::string::npos);
  CHECK(hasTable(url, "hand_made")); // never dropped to recover
  CHECK(migrate({"apply", "--db", url, "--dir", dir, "--allow-drift"}).exitCode == 0);
}

inline void projectHistory(const std::string &url) {
  const std::string src = sourceDir();
  const std::string dir = src + "/migrations/" + dialectOf(url);
  const std::string models = src + "/examples/ecommerce";
  RunResult check = runTether({"migrate", "check", "--models", models}, src);
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("migrations/sqlite: ok") != std::string::npos);
  CHECK(check.out.find("migrations/postgresql: ok") != std::string::npos);
  // The first version is the example without user profiles.
  CHECK(migrate({"check", "--models", fixture("migrate/ecommerce_v1"), "--dir", dir}).exitCode == 1);

  RunResult up = migrate({"apply", "--db", url, "--dir", dir});
  INFO(up.out + up.err);
  REQUIRE(up.exitCode == 0);
  CHECK(up.out.find("applied 0002_user_profiles") != std::string::npos);
  CHECK(migrate({"status", "--db", url, "--dir", dir}).out.find("2 applied, 0 pending") != std::string::npos);
  REQUIRE(migrate({"down", "--db", url, "--dir", dir, "--to", "0"}).exitCode == 0);
  CHECK_FALSE(hasTable(url, "users"));
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  RunResult plan = runTether({"plan", "--db", url, "--models", models, "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
}

} // namespace tether::test::mig
