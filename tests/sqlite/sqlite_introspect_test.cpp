#include "core/error.h"
#include "dialect/sqlite/sqlite.h"
#include "sqlite_db.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

TEST_CASE("sqlite: introspection reads keys, actions, named constraints and indexes", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("x.db"));
  db->execute(R"(
    CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(10) NOT NULL, region TEXT DEFAULT 'eu',
                         CONSTRAINT uq_parent_code UNIQUE (code, region));
    CREATE TABLE "child ""x""" (
      id INTEGER NOT NULL, parent_id INT REFERENCES parent ON DELETE CASCADE,
      code VARCHAR(10), region TEXT, amount NUMERIC(10, 2) DEFAULT 0, flag BOOLEAN DEFAULT (1),
      CONSTRAINT pk_child PRIMARY KEY (id),
      CONSTRAINT fk_child_code FOREIGN KEY (code, region) REFERENCES parent (code, region) ON UPDATE SET NULL,
      UNIQUE (parent_id));
    CREATE UNIQUE INDEX ix_child_code ON "child ""x""" (code);
    CREATE INDEX ix_child_partial ON "child ""x""" (region) WHERE amount > 0;
    CREATE TABLE tether_migrations (version TEXT);
  )");
  Schema s = db->introspect();
  REQUIRE(s.tables.size() == 2);
  CHECK_FALSE(s.table("tether_migrations"));
  const Table &p = *s.table("parent");
  CHECK(p.primaryKey == std::vector<std::string>{"id"});
  CHECK(p.column("id")->autoincrement);
  CHECK_FALSE(p.column("id")->nullable);
  CHECK_FALSE(p.column("code")->nullable);
  CHECK(p.column("code")->type.str() == "String(10)");
  CHECK(p.column("region")->defaultValue == ColumnDefault{ColumnDefault::Kind::String, "eu"});
  REQUIRE(p.uniques.size() == 1);
  CHECK(p.uniques[0].name == "uq_parent_code");
  CHECK(p.uniques[0].columns == std::vector<std::string>{"code", "region"});

  const Table &c = *s.table("child \"x\"");
  CHECK(c.primaryKeyName == "pk_child");
  REQUIRE(c.foreignKeys.size() == 2);
  CHECK(c.foreignKeys[0].refTable == "parent");
  CHECK(c.foreignKeys[0].refColumns == std::vector<std::string>{"id"}); // implicit: the parent's key
  CHECK(c.foreignKeys[0].onDelete == FkAction::Cascade);
  CHECK(c.foreignKeys[0].name.empty());
  CHECK(c.foreignKeys[1].name == "fk_child_code");
  CHECK(c.foreignKeys[1].columns == std::vector<std::string>{"code", "region"});
  CHECK(c.foreignKeys[1].onUpdate == FkAction::SetNull);
  REQUIRE(c.uniques.size() == 1); // the UNIQUE constraint; the unique index stays an index
  CHECK(c.uniques[0].columns == std::vector<std::string>{"parent_id"});
  REQUIRE(c.indexes.size() == 2);
  CHECK(c.indexes[0].name == "ix_child_code");
  CHECK(c.indexes[0].unique);
  CHECK(c.indexes[1].predicate == "amount > 0");
  CHECK(c.column("flag")->defaultValue == ColumnDefault{ColumnDefault::Kind::Number, "1"});
}

TEST_CASE("sqlite: a read-only open never creates the file", "[sqlite]") {
  TempDir dir;
  OpenOptions ro;
  ro.readOnly = true;
  CHECK_THROWS_AS(openConnection(sqliteUrl(dir.file("missing.db")), ro), Error);
  CHECK(readFile(dir.file("missing.db")).empty());
  CHECK(runShell("test -e " + shellQuote(dir.file("missing.db"))).exitCode != 0);
}

TEST_CASE("sqlite: a read-only connection refuses writes", "[sqlite]") {
  TempDir dir;
  openFile(dir.file("a.db"))->execute("CREATE TABLE t (x)");
  OpenOptions ro;
  ro.readOnly = true;
  auto db = openConnection(sqliteUrl(dir.file("a.db")), ro);
  CHECK_THROWS_AS(db->execute("INSERT INTO t VALUES (1)"), Error);
}

TEST_CASE("sqlite: query binds ? parameters as values", "[sqlite]") {
  TempDir dir;
  auto db = openFile(dir.file("a.db"));
  db->execute("CREATE TABLE t (name TEXT); INSERT INTO t VALUES ('a''b'), ('c')");
  auto rows = db->query("SELECT count(*) FROM t WHERE name = ?", {"a'b"});
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][0] == std::optional<std::string>("1"));
  CHECK(scalar(*db, "SELECT count(*) FROM t WHERE name = ?", {"x' OR '1'='1"}) == "0");
  CHECK_THROWS_AS(db->query("SELECT ?", {}), Error);
}

TEST_CASE("sqlite: a file that is not a database is an error naming it", "[sqlite]") {
  TempDir dir;
  dir.write("junk.db", "this is not a database, just some text that is long enough to be a header.........");
  try {
    openConnection(sqliteUrl(dir.file("junk.db")));
    FAIL("expected an error");
  } catch (const Error &e) {
    CHECK(std::string(e.what()).find("junk.db") != std::string::npos);
  }
}
