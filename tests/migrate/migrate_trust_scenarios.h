#pragma once
// Issue 14: migrations a team can trust in production. Each scenario runs on a real SQLite file
// and on the real PostgreSQL of scripts/pg-temp.sh.
#include "migrate_scenarios.h"

namespace tether::test::mig {

// Adds a hand-written version to `dir` and re-signs it, as a person would.
inline void addVersion(const TempDir &tmp, const std::string &dir, const std::string &stem,
                       const std::string &up, const std::string &down = "SELECT 1;\n") {
  std::ofstream(dir + "/" + stem + ".up.sql", std::ios::binary) << up;
  std::ofstream(dir + "/" + stem + ".down.sql", std::ios::binary) << down;
  (void)tmp;
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
}

// A COMMIT in a file tether wraps in a transaction is refused before anything runs, with its
// file:line; a BEGIN inside a DO body or a trigger body is not transaction control.
inline void commitRefused(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  const bool pg = dialectOf(url) == "postgresql";
  addVersion(tmp, dir, "0004_halves",
             "CREATE TABLE first_half (x INTEGER);\n\nCOMMIT;\nCREATE TABLE second_half (x INTEGER);\n"
             "INSERT INTO no_such_table VALUES (1);\n");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0004_halves.up.sql:3") != std::string::npos);
  CHECK(r.err.find("COMMIT") != std::string::npos);
  // Before anything runs: not even the earlier, valid versions.
  CHECK_FALSE(hasTable(url, "users"));
  CHECK_FALSE(hasTable(url, "first_half"));

  std::string body =
      pg ? "DO $$ BEGIN CREATE TABLE from_do (x INTEGER); END $$;\n"
         : "CREATE TABLE from_do (x INTEGER);\nCREATE TRIGGER tr AFTER INSERT ON from_do BEGIN\n"
           "  UPDATE from_do SET x = 1; END;\n";
  std::ofstream(dir + "/0004_halves.up.sql", std::ios::binary | std::ios::trunc)
      << "-- a comment with COMMIT; in it\n" + body +
             "UPDATE from_do SET x = 2 WHERE 'BEGIN; COMMIT' = 'x';\n";
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  RunResult ok = migrate({"apply", "--db", url, "--dir", dir});
  INFO(ok.out + ok.err);
  CHECK(ok.exitCode == 0);
  CHECK(hasTable(url, "from_do"));
}

// The marker runs statements one by one outside a transaction; a failure midway leaves the
// version dirty with how far it got, apply refuses until it is resolved, and baseline resolves it
// once the schema is what the version makes.
inline void dirtyVersion(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  addVersion(tmp, dir, "0004_tags",
             "-- tether:no-transaction\n"
             "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n"
             "INSERT INTO missing_table VALUES (1);\n"
             "CREATE TABLE tag_links (id INTEGER PRIMARY KEY);\n");
  addVersion(tmp, dir, "0005_later", "CREATE TABLE later (id INTEGER PRIMARY KEY);\n", "DROP TABLE later;\n");
  RunResult r = migrate({"apply", "--db", url, "--dir", dir});
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0004_tags.up.sql:3") != std::string::npos);
  CHECK(r.err.find("dirty") != std::string::npos);
  CHECK(hasTable(url, "tags")); // the first statement stays done: nothing wrapped it
  CHECK_FALSE(hasTable(url, "tag_links"));
  CHECK_FALSE(hasTable(url, "later"));
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004' AND dirty = 1 AND "
                   "statements_run = 1 AND statements_total = 3") == 1);

  RunResult st = migrate({"status", "--db", url, "--dir", dir});
  INFO(st.out);
  CHECK(st.out.find("0004  dirty") != std::string::npos);
  CHECK(st.out.find("1 of 3 statement(s) ran") != std::string::npos);
  CHECK(st.out.find("ran " + dir + "/0004_tags.up.sql:2") != std::string::npos);
  CHECK(st.out.find(", 1 dirty") != std::string::npos);
  RunResult js = migrate({"status", "--db", url, "--dir", dir, "--format", "json"});
  CHECK(js.out.find("\"state\": \"dirty\"") != std::string::npos);
  CHECK(js.out.find("\"statements_run\": 1, \"statements_total\": 3") != std::string::npos);
  CHECK(js.out.find("0004_tags.up.sql:2\"]") != std::string::npos);
  CHECK(js.out.find("\"dirty\": 1") != std::string::npos);

  RunResult again = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(again.exitCode == 2);
  CHECK(again.err.find("version 0004_tags is dirty") != std::string::npos);
  CHECK(migrate({"down", "--db", url, "--dir", dir}).exitCode == 2);
  CHECK_FALSE(hasTable(url, "later"));

  // Resolved by hand: the rest of the version, then baseline records it.
  exec(url, "CREATE TABLE tag_links (id INTEGER PRIMARY KEY)");
  std::ofstream(dir + "/0004_tags.up.sql", std::ios::binary | std::ios::trunc)
      << "-- tether:no-transaction\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n"
         "CREATE TABLE tag_links (id INTEGER PRIMARY KEY);\n";
  REQUIRE(migrate({"hash", "--dir", dir}).exitCode == 0);
  RunResult base = migrate({"baseline", "0004", "--db", url, "--dir", dir});
  INFO(base.out + base.err);
  CHECK(base.exitCode == 0);
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004' AND dirty = 0") == 1);
  RunResult fin = migrate({"apply", "--db", url, "--dir", dir});
  INFO(fin.out + fin.err);
  CHECK(fin.exitCode == 0);
  CHECK(hasTable(url, "later"));
}

// A marked down file runs one by one too, and the record goes after its last statement.
inline void markedDown(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  addVersion(tmp, dir, "0004_flags",
             "-- tether:no-transaction\nCREATE TABLE flags (id INTEGER PRIMARY KEY);\n",
             "-- tether:no-transaction\nDROP TABLE flags;\n");
  REQUIRE(migrate({"apply", "--db", url, "--dir", dir}).exitCode == 0);
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004' AND dirty = 0") == 1);
  RunResult d = migrate({"down", "--db", url, "--dir", dir});
  INFO(d.out + d.err);
  CHECK(d.exitCode == 0);
  CHECK_FALSE(hasTable(url, "flags"));
  CHECK(count(url, "SELECT count(*) FROM tether_migrations WHERE version = '0004'") == 0);
}

// baseline adopts a database built without tether's history, only when its schema matches.
inline void baselineAdopts(const std::string &url) {
  TempDir tmp;
  const std::string dir = writeHistory(tmp, dialectOf(url));
  tmp.write("v2.yaml", modelsV2());
  // A database built from the models directly, as an existing app's would be.
  REQUIRE(runTether({"apply", "--models", tmp.file("v2.yaml"), "--db", url, "--yes"}).exitCode == 0);
  RunResult refused = migrate({"apply", "--db", url, "--dir", dir});
  CHECK(refused.exitCode == 2); // on today's main, the only way out was a hand INSERT

  RunResult wrong = migrate({"baseline", "0003", "--db", url, "--dir", dir});
  INFO(wrong.out + wrong.err);
  CHECK(wrong.exitCode == 1);
  CHECK(wrong.out.find("nothing recorded") != std::string::npos);
  CHECK(wrong.out.find("title") != std::string::npos);
  CHECK(count(url, "SELECT count(*) FROM tether_migrations") == 0);

  RunResult ok = migrate({"baseline", "0002", "--db", url, "--dir", dir});
  INFO(ok.out + ok.err);
  CHECK(ok.exitCode == 0);
  CHECK(ok.out.find("recorded 0001_users as applied") != std::string::npos);
  CHECK(ok.out.find("recorded 0002_posts as applied") != std::string::npos);
  CHECK(recordedVersions(url) == std::vector<std::string>{"0001", "0002"});
  RunResult rest = migrate({"apply", "--db", url, "--dir", dir});
  INFO(rest.out + rest.err);
  CHECK(rest.exitCode == 0);
  CHECK(rest.out.find("applied 0003_post_titles") != std::string::npos);
  CHECK(migrate({"baseline", "0009", "--db", url, "--dir", dir}).exitCode == 2);
}

} // namespace tether::test::mig
