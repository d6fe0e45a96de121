// Issue 14 item 4: `migrate check` proves a PostgreSQL folder's files produce the models without a
// database, by the offline (libpg_query) replay; --dev-db replays on PostgreSQL itself.
#include "migrate_trust_scenarios.h"
#include <filesystem>

using namespace tether::test;
using namespace tether::test::mig;

namespace {
// users, posts, post titles, then tags (needing none of them): deleting post titles leaves a
// history that still runs, and a snapshot that still matches its last version.
std::string writeFourVersions(const TempDir &tmp) {
  const std::string dir = writeHistory(tmp, "postgresql");
  tmp.write("models.yaml", modelsV3() + "  Tag:\n    table: tags\n    columns:\n"
                                        "      id: {type: Integer, primary_key: true}\n"
                                        "      label: {type: String(30), nullable: false, unique: true}\n");
  REQUIRE(migrate({"new", "tags", "--models", tmp.file("models.yaml"), "--dir", dir}).exitCode == 0);
  return dir;
}

RunResult check(const TempDir &tmp, const std::string &dir, const std::vector<std::string> &extra = {}) {
  std::vector<std::string> args = {"check", "--models", tmp.file("models.yaml"), "--dir", dir};
  args.insert(args.end(), extra.begin(), extra.end());
  return migrate(args);
}

std::vector<std::string> replayLines(const std::string &out) {
  std::vector<std::string> lines;
  size_t at = 0;
  while ((at = out.find("replayed, the migrations differ from the models: ", at)) != std::string::npos) {
    size_t end = out.find('\n', at);
    lines.push_back(out.substr(at, end - at));
    at = end;
  }
  return lines;
}

void deleteVersion(const std::string &dir, const std::string &stem) {
  std::filesystem::remove(dir + "/" + stem + ".up.sql");
  std::filesystem::remove(dir + "/" + stem + ".down.sql");
  RunResult h = migrate({"hash", "--dir", dir}); // as the hint says
  INFO(h.out + h.err);
  REQUIRE(h.exitCode == 0);
}
} // namespace

TEST_CASE("migrate offline check: a PostgreSQL folder in step checks ok and says it was replayed offline",
          "[migrate][offline]") {
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  RunResult ok = check(tmp, dir);
  INFO(ok.out + ok.err);
  CHECK(ok.exitCode == 0);
  CHECK(ok.out.find(dir + ": ok (replayed offline") != std::string::npos);
  RunResult json = check(tmp, dir, {"--format", "json"});
  INFO(json.out + json.err);
  CHECK(json.exitCode == 0);
  CHECK(json.out.find("\"replay\": \"offline\"") != std::string::npos);
  CHECK(json.out.find("\"ok\": true") != std::string::npos);
  CHECK(migrate({"check", "--help"}).out.find("offline") != std::string::npos);
}

TEST_CASE("migrate offline check: a deleted version, the folder re-signed, fails without --dev-db",
          "[migrate][offline]") {
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  deleteVersion(dir, "0003_post_titles");
  RunResult r = check(tmp, dir);
  INFO(r.out + r.err);
  CHECK(r.exitCode == 1); // main: "ok"
  auto lines = replayLines(r.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("posts.title") != std::string::npos);
  CHECK(r.out.find(dir + ": replayed offline") != std::string::npos);
  RunResult json = check(tmp, dir, {"--format", "json"});
  CHECK(json.exitCode == 1);
  CHECK(json.out.find("\"ok\": false") != std::string::npos);
  CHECK(json.out.find("posts.title") != std::string::npos);
}

TEST_CASE("migrate offline check: a hand edit that changes the schema is caught without --dev-db",
          "[migrate][offline]") {
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  handEdit(dir, "0003_post_titles.up.sql", "ALTER TABLE",
           "ALTER TABLE \"posts\" DROP COLUMN \"user_id\";\nALTER TABLE");
  RunResult r = check(tmp, dir);
  INFO(r.out + r.err);
  CHECK(r.exitCode == 1);
  CHECK(r.out.find("replayed, the migrations differ from the models") != std::string::npos);
  CHECK(r.out.find("user_id") != std::string::npos);
  // A data step between DDL changes nothing: the check passes again.
  handEdit(dir, "0003_post_titles.up.sql", "ALTER TABLE \"posts\" DROP COLUMN \"user_id\";",
           "UPDATE \"posts\" SET \"user_id\" = \"user_id\";");
  RunResult ok = check(tmp, dir);
  INFO(ok.out + ok.err);
  CHECK(ok.exitCode == 0);
}

TEST_CASE("migrate offline check: a statement it cannot model is exit 2 with file:line and the --dev-db hint",
          "[migrate][offline]") {
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  addVersion(tmp, dir, "0005_dynamic",
             "-- hand-written\n\nDO $$ BEGIN EXECUTE 'ALTER TABLE tags ADD COLUMN x int'; END $$;\n");
  RunResult r = check(tmp, dir);
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0005_dynamic.up.sql:3") != std::string::npos);
  CHECK(r.err.find("DO") != std::string::npos);
  CHECK(r.err.find("--dev-db") != std::string::npos);
  CHECK(r.out.find("ok") == std::string::npos);
}

TEST_CASE("migrate offline check: malformed SQL in a file is exit 2 with its position",
          "[migrate][offline]") {
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  addVersion(tmp, dir, "0005_bad", "CREATE TABLE oops (\n  id int,,\n  x int\n);\n");
  RunResult r = check(tmp, dir);
  INFO(r.out + r.err);
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("0005_bad.up.sql:2:10") != std::string::npos);
  CHECK(r.err.find("syntax error") != std::string::npos);
}

TEST_CASE("migrate offline check postgres: --dev-db and the offline replay list the same changes",
          "[migrate][offline][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = writeFourVersions(tmp);
  deleteVersion(dir, "0003_post_titles");
  RunResult offline = check(tmp, dir);
  RunResult dev = check(tmp, dir, {"--dev-db", db.url()});
  INFO(offline.out + offline.err + dev.out + dev.err);
  CHECK(offline.exitCode == 1);
  CHECK(dev.exitCode == 1);
  CHECK(replayLines(offline.out) == replayLines(dev.out));
  CHECK(dev.out.find(dir + ": replayed on the --dev-db database") != std::string::npos);
  CHECK(check(tmp, dir, {"--dev-db", db.url(), "--format", "json"}).out.find("\"replay\": \"dev-db\"") !=
        std::string::npos);
  // What the offline replay refuses, --dev-db replays exactly.
  addVersion(tmp, dir, "0005_dynamic", "DO $$ BEGIN EXECUTE 'ALTER TABLE tags ADD COLUMN x int'; END $$;\n");
  CHECK(check(tmp, dir).exitCode == 2);
  RunResult exact = check(tmp, dir, {"--dev-db", db.url()});
  INFO(exact.out + exact.err);
  CHECK(exact.exitCode == 1);
  CHECK(exact.out.find("tags.x") != std::string::npos);
}
