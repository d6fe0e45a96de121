// A hand-written SQLite schema full of objects tether does not model goes through inspect,
// check, plan and apply without losing any of them.
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
std::string url(const std::string &path) {
  return "sqlite:///" + path;
}

// The catalog, normalised: tables by their pragmas (their CREATE text is tether's own after a
// round trip), everything else by its stored SQL, which must survive word for word (tether quotes
// the names of the indexes it models; an INTEGER primary key is the rowid, never NULL, whether or
// not it says NOT NULL).
std::string catalog(const std::string &db) {
  const char *query =
      "SELECT 'table ' || m.name || ': ' || (SELECT group_concat(p.name || ' ' || p.type || ' ' || "
      "CASE WHEN p.pk > 0 AND p.type = 'INTEGER' THEN 'rowid' ELSE p.\"notnull\" END || ' ' || "
      "coalesce(p.dflt_value, '-') || ' ' || p.pk, ', ') FROM pragma_table_info(m.name) p) "
      "|| ' fks: ' || coalesce((SELECT group_concat(f.\"from\" || '->' || f.\"table\" || '.' || "
      "coalesce(f.\"to\", '?'), ', ') FROM pragma_foreign_key_list(m.name) f), '-') "
      "FROM sqlite_master m WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%' "
      "UNION ALL SELECT m.type || ' ' || m.name || ': ' || "
      "CASE m.type WHEN 'index' THEN replace(m.sql, '\"', '') ELSE m.sql END FROM sqlite_master m "
      "WHERE m.type <> 'table' OR m.sql LIKE 'CREATE VIRTUAL%' ORDER BY 1;";
  RunResult r = runShell("sqlite3 " + shellQuote(db) + " " + shellQuote(query));
  REQUIRE(r.exitCode == 0);
  return r.out;
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
    s.pop_back();
  return s;
}

} // namespace

TEST_CASE("realdb sqlite: unmanaged objects round-trip through inspect, check, plan and apply",
          "[realdb][realdb-sqlite]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), fresh = dir.file("fresh.db"), model = dir.file("m.yaml");
  loadSqliteSql(live, fixture("realdb/sqlite_unmanaged.sql"));

  const std::string text = inspectInto(url(live), model);
  INFO(text);
  for (const char *name : {"authors_name_nocase", "live_authors", "posts_fts", "posts_ai", "posts_touch"})
    CHECK(has(text, std::string("name: \"") + name + "\""));
  // Expression and partial indexes are modelled; a collated one is kept as written.
  CHECK(has(text, "{columns: [{expression: \"lower(email)\"}], name: authors_email_lower, unique: true}"));
  CHECK(has(text, "{columns: [name], name: authors_live, where: \"deleted_at IS NULL\"}"));
  // The FTS module's shadow tables are the virtual table's business, not models.
  CHECK_FALSE(has(text, "posts_fts_data"));
  CHECK_FALSE(has(text, "PostsFts"));

  CHECK(expectRoundTrip(model, text, url(live), url(fresh)).empty());
  CHECK(catalog(fresh) == catalog(live));
}

TEST_CASE("realdb sqlite: a model that does not list them leaves unmanaged objects alone, even with "
          "--allow-destructive",
          "[realdb][realdb-sqlite]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), model = dir.file("m.yaml");
  loadSqliteSql(live, fixture("realdb/sqlite_unmanaged.sql"));
  const std::string before = catalog(live);
  REQUIRE(runTether({"inspect", "--db", url(live), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  text = text.substr(0, text.find("\nunmanaged:")) + "\n";
  dir.write("m.yaml", text);

  RunResult plan =
      runTether({"plan", "--models", model, "--db", url(live), "--exit-code", "--allow-destructive"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  CHECK_FALSE(has(plan.out, "DROP"));
  CHECK(has(plan.out, "-- left alone: view live_authors"));
  CHECK(has(plan.out, "-- left alone: trigger posts_ai on posts"));
  CHECK(has(plan.out, "-- left alone: virtual_table posts_fts"));

  RunResult apply =
      runTether({"apply", "--models", model, "--db", url(live), "--yes", "--allow-destructive"});
  CHECK(apply.exitCode == 0);
  CHECK(catalog(live) == before);
}

TEST_CASE("realdb sqlite: a table rebuild puts back the triggers and indexes tied to the table",
          "[realdb][realdb-sqlite]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), model = dir.file("m.yaml");
  loadSqliteSql(live, fixture("realdb/sqlite_unmanaged.sql"));
  REQUIRE(runTether({"inspect", "--db", url(live), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  // title becomes nullable: SQLite can only do that by rebuilding posts.
  const std::string from = "title: {type: Text, nullable: false}";
  REQUIRE(has(text, from));
  text.replace(text.find(from), from.size(), "title: {type: Text}");
  const std::string name = "name: {type: Text, nullable: false}";
  REQUIRE(has(text, name));
  text.replace(text.find(name), name.size(), "name: {type: Text}");
  dir.write("m.yaml", text);

  RunResult plan = runTether({"plan", "--models", model, "--db", url(live)});
  INFO(plan.out);
  CHECK(has(plan.out, "rebuild table posts"));
  CHECK(has(plan.out, "CREATE TRIGGER posts_ai"));
  CHECK(has(plan.out, "CREATE UNIQUE INDEX \"authors_email_lower\" ON \"authors\" (lower(email))"));

  RunResult apply = runTether({"apply", "--models", model, "--db", url(live), "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  const std::string after = catalog(live);
  for (const char *object : {"trigger posts_ai", "trigger posts_touch", "index authors_email_lower",
                             "index authors_live", "view live_authors", "table posts_fts"})
    CHECK(has(after, object));
  // The trigger still feeds the full-text index.
  RunResult fts = runShell("sqlite3 " + shellQuote(live) +
                           " \"INSERT INTO authors (id, email, name) VALUES (1, 'a@x', 'A'); "
                           "INSERT INTO posts (id, author_id, title, body) VALUES (1, 1, 'hello', 'world'); "
                           "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'hello';\"");
  CHECK(trimmed(fts.out) == "1");
  CHECK(runTether({"plan", "--models", model, "--db", url(live), "--exit-code"}).exitCode == 0);
}

TEST_CASE("realdb sqlite: a rebuild that would lose what the model cannot say is refused, nothing changed",
          "[realdb][realdb-sqlite]") {
  const char *tables[] = {
      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, qty INTEGER, note TEXT NOT NULL)",
      "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER, note TEXT NOT NULL) STRICT",
      // A column's COLLATE is modelled (collation:) and kept; one on a constraint's element is not.
      "CREATE TABLE t (id INTEGER PRIMARY KEY, qty INTEGER, note TEXT NOT NULL, code TEXT, "
      "UNIQUE (code COLLATE NOCASE))",
  };
  for (const char *ddl : tables) {
    INFO(ddl);
    TempDir dir;
    const std::string live = dir.file("live.db"), model = dir.file("m.yaml");
    dir.write("t.sql", std::string(ddl) + ";\n");
    loadSqliteSql(live, dir.file("t.sql"));
    const std::string before = catalog(live);
    REQUIRE(runTether({"inspect", "--db", url(live), "-o", model}).exitCode == 0);
    std::string text = readFile(model);
    const std::string from = "note: {type: Text, nullable: false}";
    REQUIRE(has(text, from));
    text.replace(text.find(from), from.size(), "note: {type: Text}");
    dir.write("m.yaml", text);
    RunResult plan = runTether({"plan", "--models", model, "--db", url(live)});
    CHECK(plan.exitCode == 2);
    CHECK(has(plan.err, "needs a SQLite table rebuild"));
    CHECK(runTether({"apply", "--models", model, "--db", url(live), "--yes"}).exitCode == 2);
    CHECK(catalog(live) == before);
  }
}
