// DEFERRABLE foreign keys and uniques and column collations, written by hand as DBAs write them:
// inspect models them, the model round-trips (check, plan with nothing to do, apply to an empty
// database, the same catalog), deferral holds after apply, and changes plan as they say.
#include "postgres/pg_test_util.h"
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
// Runs `sql` as one transaction; true when the server commits it.
bool pgCommits(const PgDatabase &db, const std::string &sql) {
  return runShell("psql -X -q -v ON_ERROR_STOP=1 --single-transaction " + shellQuote(db.url()) + " -c " +
                  shellQuote(sql))
             .exitCode == 0;
}

bool sqliteCommits(const std::string &path, const std::string &sql) {
  return runShell("sqlite3 -bail " + shellQuote(path) + " " +
                  shellQuote("PRAGMA foreign_keys = ON; BEGIN; " + sql + " COMMIT;"))
             .exitCode == 0;
}
} // namespace

TEST_CASE("deferrable and collation postgres: inspect, plan and apply round-trip, and deferral holds",
          "[realdb][realdb-pg][deferrable]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_deferrable_collation.sql"));
  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  CHECK(has(text, "name: {type: String(100), nullable: false, collation: \"C\"}"));
  CHECK(has(text, "handle: {type: Text, collation: \"POSIX\"}"));
  CHECK(has(text, "foreign_key: {column: \"authors.id\", deferrable: true, initially: DEFERRED, name: "
                  "books_author_id_fkey}"));
  CHECK(has(text, "on_delete: SET NULL, deferrable: true, name: books_editor_id_fkey}"));
  CHECK(has(text, "{columns: [author_id, position], name: uq_books_author_position, deferrable: true}"));
  CHECK(has(text, "{columns: [email], name: authors_email_key, deferrable: true, initially: DEFERRED}"));
  CHECK(has(text, "primary_key: {name: shelf_slots_pk, columns: [shelf, slot], deferrable: true, initially: "
                  "DEFERRED}"));
  CHECK(has(text, "primary_key: {columns: [id], deferrable: true}"));

  CHECK(expectRoundTrip(model, text, live.url(), fresh.url(), "postgresql").empty());
  CHECK(pgSchemaDump(fresh.url()) == pgSchemaDump(live.url()));

  // Deferred: a book before its author commits in one transaction; the editor key (DEFERRABLE,
  // initially immediate) refuses the same order, as does a duplicate e-mail that is fixed by COMMIT
  // only when deferred.
  CHECK(pgCommits(fresh, "INSERT INTO books (id, author_id, isbn, position) VALUES (1, 7, 'i1', 1); "
                         "INSERT INTO authors (id, name) VALUES (7, 'Ann')"));
  CHECK_FALSE(pgCommits(fresh, "INSERT INTO books (id, author_id, editor_id, isbn, position) "
                               "VALUES (2, 7, 9, 'i2', 2); INSERT INTO authors (id, name) VALUES (9, 'Bo')"));
  CHECK(pgCommits(fresh, "INSERT INTO authors (id, name, email) VALUES (10, 'C', 'x'), (11, 'D', 'x'); "
                         "UPDATE authors SET email = 'y' WHERE id = 11"));
  CHECK_FALSE(pgCommits(fresh, "INSERT INTO books (id, author_id, isbn, position) VALUES (3, 99, 'i3', 3)"));
  // The deferrable keys: renumbering in one statement passes, and a duplicate fixed before COMMIT.
  CHECK(pgCommits(fresh,
                  "INSERT INTO queue_items VALUES (1, 'a'), (2, 'b'); UPDATE queue_items SET id = 3 - id"));
  CHECK(pgCommits(fresh, "INSERT INTO shelf_slots (shelf, slot) VALUES (1, 1), (1, 1); "
                         "UPDATE shelf_slots SET slot = 2 WHERE ctid = (SELECT max(ctid) FROM shelf_slots)"));
  // The collation is the column's: "C" orders capitals first.
  psql(fresh, "INSERT INTO authors (id, name) VALUES (20, 'b'), (21, 'B')");
  CHECK(psqlValue(fresh, "SELECT string_agg(name, '' ORDER BY name) FROM authors WHERE id >= 20") == "Bb");
}

TEST_CASE("deferrable and collation postgres: changes alter in place or rewrite, and say so",
          "[realdb][realdb-pg][deferrable]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  REQUIRE(runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(db.url()) + " -f " +
                   shellQuote(fixture("realdb/pg_deferrable_collation.sql")))
              .exitCode == 0);
  psql(db, "INSERT INTO authors (id, name) VALUES (1, 'a')");
  REQUIRE(runTether({"inspect", "--db", db.url(), "-o", model}).exitCode == 0);
  std::string text = readFile(model);
  replaceOnce(text, "deferrable: true, initially: DEFERRED, name: books_author_id_fkey",
              "name: books_author_id_fkey");
  replaceOnce(text, "on_delete: SET NULL, deferrable: true,",
              "on_delete: SET NULL, deferrable: true, initially: DEFERRED,");
  replaceOnce(text, "name: uq_books_author_position, deferrable: true}", "name: uq_books_author_position}");
  replaceOnce(text, "nullable: false, collation: \"C\"}", "nullable: false, collation: \"POSIX\"}");
  replaceOnce(text, "primary_key: {columns: [id], deferrable: true}", "primary_key: {columns: [id]}");
  dir.write("m.yaml", text);

  RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  CHECK(has(plan.out, "ALTER TABLE \"books\" ALTER CONSTRAINT \"books_author_id_fkey\" NOT DEFERRABLE"));
  CHECK(has(plan.out,
            "ALTER TABLE \"books\" ALTER CONSTRAINT \"books_editor_id_fkey\" DEFERRABLE INITIALLY DEFERRED"));
  CHECK_FALSE(has(plan.out, "DROP CONSTRAINT \"books_author_id_fkey\""));
  CHECK(has(plan.out, "ADD CONSTRAINT \"uq_books_author_position\" UNIQUE (\"author_id\", \"position\");"));
  CHECK(has(plan.out, "ALTER COLUMN \"name\" TYPE varchar(100) COLLATE \"POSIX\""));
  CHECK(has(plan.err, "changing the collation of authors.name from C to POSIX rewrites authors"));
  // A primary key's deferrability has no ALTER: the key is made again, named as it was.
  CHECK(has(plan.out, "ALTER TABLE \"queue_items\" DROP CONSTRAINT \"queue_items_pkey\""));
  CHECK(has(plan.out, "ALTER TABLE \"queue_items\" ADD PRIMARY KEY (\"id\");"));
  CHECK_FALSE(has(plan.out + plan.err, "destructive"));

  expectAppliedClean(model, db.url());
  CHECK(psqlValue(db, "SELECT condeferrable::text || condeferred::text FROM pg_constraint "
                      "WHERE conname = 'books_editor_id_fkey'") == "truetrue");
  CHECK(psqlValue(db, "SELECT condeferrable::text FROM pg_constraint WHERE conname = 'queue_items_pkey'") ==
        "false");
  CHECK(psqlValue(db, "SELECT count(*) FROM authors") == "1");
}

TEST_CASE("postgres: a primary key that keys point at is made again, the keys dropped and added around it",
          "[realdb][realdb-pg][deferrable]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  psql(db, "CREATE TABLE accounts (account_no integer PRIMARY KEY, region text NOT NULL);"
           "CREATE TABLE transfers (id integer PRIMARY KEY,"
           "  account_no integer NOT NULL REFERENCES accounts (account_no) ON DELETE CASCADE);"
           "INSERT INTO accounts VALUES (1, 'eu'); INSERT INTO transfers VALUES (10, 1), (11, 1);");
  std::string text = inspectInto(db.url(), model);
  INFO(text);
  // The key grows a column; the old one stays unique, so the transfers' key still has a target. A
  // foreign key depends on the index it was made against, so the old key cannot go while it stands.
  replaceOnce(text, "account_no: {type: Integer, primary_key: true, autoincrement: false}",
              "account_no: {type: Integer, primary_key: true, autoincrement: false, unique: true}");
  replaceOnce(text, "region: {type: Text, nullable: false}", "region: {type: Text, primary_key: true}");
  dir.write("m.yaml", text);
  RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  const size_t dropKey =
      plan.out.find("ALTER TABLE \"transfers\" DROP CONSTRAINT \"transfers_account_no_fkey\"");
  const size_t dropPk = plan.out.find("ALTER TABLE \"accounts\" DROP CONSTRAINT \"accounts_pkey\"");
  const size_t addKey =
      plan.out.find("ALTER TABLE \"transfers\" ADD CONSTRAINT \"transfers_account_no_fkey\"");
  REQUIRE(dropKey != std::string::npos);
  REQUIRE(dropPk != std::string::npos);
  REQUIRE(addKey != std::string::npos);
  CHECK(dropKey < dropPk);
  CHECK(dropPk < addKey);
  CHECK_FALSE(has(plan.out + plan.err, "destructive"));
  expectAppliedClean(model, db.url());
  CHECK(psqlValue(
            db, "SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE contype = 'f'") ==
        "transfers_account_no_fkey");
  // The key still holds, with its action.
  CHECK_FALSE(pgCommits(db, "INSERT INTO transfers VALUES (12, 2)"));
  CHECK(pgCommits(db, "DELETE FROM accounts WHERE account_no = 1"));
  CHECK(psqlValue(db, "SELECT count(*) FROM transfers") == "0");
}

TEST_CASE("postgres: a primary key whose drop is held back keeps the keys on it untouched",
          "[realdb][realdb-pg][deferrable]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  psql(db, "CREATE TABLE accounts (account_no integer PRIMARY KEY, region text NOT NULL);"
           "CREATE TABLE transfers (id integer PRIMARY KEY,"
           "  account_no integer NOT NULL REFERENCES accounts (account_no) ON DELETE CASCADE);"
           "INSERT INTO accounts VALUES (1, 'eu'); INSERT INTO transfers VALUES (10, 1), (11, 1);");
  // The models keep account_no unique but no longer a key: dropping the key is destructive.
  const std::string model = dir.file("m.yaml");
  dir.write("m.yaml", R"(version: 1
tables:
  accounts:
    columns:
      account_no: {type: Integer, nullable: false, unique: true}
      region: {type: Text, nullable: false}
  transfers:
    columns:
      id: {type: Integer, primary_key: true, autoincrement: false}
      account_no: {type: Integer, nullable: false, foreign_key: {column: accounts.account_no, on_delete: CASCADE}}
)");
  const std::string fkOid = "SELECT oid FROM pg_constraint WHERE conname = 'transfers_account_no_fkey'";
  const std::string before = psqlValue(db, fkOid);
  RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  CHECK(has(plan.out, "skipped: drop primary key accounts"));
  CHECK(has(plan.out, "ALTER TABLE \"accounts\" ADD UNIQUE (\"account_no\")"));
  CHECK_FALSE(has(plan.out, "transfers_account_no_fkey"));
  RunResult apply = runTether({"apply", "--models", model, "--db", db.url(), "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  // The same key, never dropped and checked again.
  CHECK(psqlValue(db, fkOid) == before);
  // With the drop allowed, the key is made again around it and still holds, with its action.
  RunResult destructive = runTether({"plan", "--models", model, "--db", db.url(), "--allow-destructive"});
  INFO(destructive.out + destructive.err);
  CHECK(has(destructive.out, "DROP CONSTRAINT \"transfers_account_no_fkey\""));
  RunResult applyAll =
      runTether({"apply", "--models", model, "--db", db.url(), "--yes", "--allow-destructive"});
  INFO(applyAll.out + applyAll.err);
  REQUIRE(applyAll.exitCode == 0);
  CHECK(
      psqlValue(
          db, "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = 'accounts'::regclass") ==
      "0");
  CHECK_FALSE(pgCommits(db, "INSERT INTO transfers VALUES (12, 2)"));
  CHECK(pgCommits(db, "DELETE FROM accounts WHERE account_no = 1"));
  CHECK(psqlValue(db, "SELECT count(*) FROM transfers") == "0");
}

TEST_CASE("deferrable and collation sqlite: round-trip, deferral holds, and a rebuild keeps them",
          "[realdb][realdb-sqlite][deferrable]") {
  TempDir dir;
  const std::string live = dir.file("live.db"), fresh = dir.file("fresh.db"), model = dir.file("m.yaml");
  REQUIRE(runShell("sqlite3 " + shellQuote(live) + " < " +
                   shellQuote(fixture("realdb/sqlite_deferrable_collation.sql")))
              .exitCode == 0);
  RunResult inspect = runTether({"inspect", "--db", "sqlite:///" + live, "-o", model});
  INFO(inspect.err);
  REQUIRE(inspect.exitCode == 0);
  std::string text = readFile(model);
  INFO(text);
  CHECK(has(text, "name: {type: Text, nullable: false, collation: \"NOCASE\"}"));
  CHECK(has(text, "collation: \"RTRIM\""));
  CHECK(has(text, "bio: {type: Text, collation: \"BINARY\"}"));
  CHECK(has(text, "foreign_key: {column: \"authors.id\", deferrable: true, initially: DEFERRED}"));
  CHECK(has(text, "on_delete: CASCADE, deferrable: true, initially: DEFERRED}"));
  CHECK(runTether({"check", "--models", model, "--dialect", "sqlite"}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", model, "--db", "sqlite:///" + live, "--exit-code"});
  INFO(plan.out + plan.err);
  CHECK(plan.exitCode == 0);
  REQUIRE(runTether({"apply", "--models", model, "--db", "sqlite:///" + fresh, "--yes"}).exitCode == 0);
  CHECK(sqliteColumnSchema(fresh) == sqliteColumnSchema(live));
  CHECK(runTether({"inspect", "--db", "sqlite:///" + fresh}).out ==
        runTether({"inspect", "--db", "sqlite:///" + live}).out);
  const std::string built = sqliteDotSchema(fresh);
  CHECK(has(built, "\"name\" TEXT COLLATE NOCASE NOT NULL"));
  CHECK(has(built, "REFERENCES \"authors\" (\"id\") DEFERRABLE INITIALLY DEFERRED"));
  // Rebuilding the fresh database from its own inspection writes the very same text.
  const std::string again = dir.file("again.db");
  REQUIRE(runTether({"apply", "--models", model, "--db", "sqlite:///" + again, "--yes"}).exitCode == 0);
  CHECK(sqliteDotSchema(again) == built);

  // Deferred: a book before its author commits; the immediate editor key refuses it.
  CHECK(sqliteCommits(fresh, "INSERT INTO books (id, author_id) VALUES (1, 5); "
                             "INSERT INTO authors (id, name, handle) VALUES (5, 'A', 'a');"));
  CHECK_FALSE(sqliteCommits(fresh, "INSERT INTO books (id, author_id, editor_id) VALUES (2, 5, 6); "
                                   "INSERT INTO authors (id, name, handle) VALUES (6, 'B', 'b');"));
  // NOCASE holds: 'a' and 'A' compare equal.
  CHECK(runShell("sqlite3 " + shellQuote(fresh) + " \"SELECT count(*) FROM authors WHERE name = 'a'\"").out ==
        "1\n");

  // A change needing a rebuild keeps every collation and deferral it does not touch, and the rows.
  replaceOnce(text, "name: {type: Text, nullable: false, collation: \"NOCASE\"}",
              "name: {type: Text, nullable: false}");
  replaceOnce(text, "foreign_key: {column: \"authors.id\", deferrable: true, initially: DEFERRED}",
              "foreign_key: \"authors.id\"");
  dir.write("m.yaml", text);
  RunResult rebuild = runTether({"apply", "--models", model, "--db", "sqlite:///" + fresh, "--yes"});
  INFO(rebuild.out + rebuild.err);
  REQUIRE(rebuild.exitCode == 0);
  CHECK(has(rebuild.out, "_tether_new_authors"));
  CHECK(has(rebuild.out, "_tether_new_books"));
  CHECK(runTether({"plan", "--models", model, "--db", "sqlite:///" + fresh, "--exit-code"}).exitCode == 0);
  const std::string after = sqliteDotSchema(fresh);
  CHECK(has(after, "\"handle\" VARCHAR(40) COLLATE RTRIM NOT NULL"));
  CHECK(has(after, "ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED"));
  CHECK(has(after, "FOREIGN KEY (\"author_id\") REFERENCES \"authors\" (\"id\")\n"));
  CHECK_FALSE(has(after, "COLLATE NOCASE NOT NULL"));
  CHECK(runShell("sqlite3 " + shellQuote(fresh) + " \"SELECT count(*) FROM books\"").out == "1\n");
}

TEST_CASE("deferrable and collation: check refuses what the database cannot build, at its place",
          "[model][deferrable]") {
  TempDir dir;
  dir.write("m.yaml", "models:\n"
                      "  Item:\n"
                      "    table: items\n"
                      "    columns:\n"
                      "      id: {type: Integer, primary_key: true}\n"
                      "      code: {type: String(10), collation: \"de_DE\"}\n"
                      "      parent_id: {type: Integer, foreign_key: {column: items.id, deferrable: false, "
                      "initially: DEFERRED}}\n"
                      "      other_id: {type: Integer, foreign_key: {column: items.id, initially: later}}\n"
                      "    unique:\n"
                      "      - {columns: [code], deferrable: true}\n");
  RunResult plain = runTether({"check", "--models", dir.file("m.yaml")});
  INFO(plain.out + plain.err);
  CHECK(plain.exitCode == 1);
  CHECK(has(plain.out, "m.yaml:7:96"));
  CHECK(has(plain.out, "is INITIALLY DEFERRED but not deferrable"));
  CHECK(has(plain.out, "must be DEFERRED or IMMEDIATE, not 'later'"));
  CHECK_FALSE(has(plain.out, "de_DE"));

  dir.write("m.yaml", "models:\n"
                      "  Item:\n"
                      "    table: items\n"
                      "    columns:\n"
                      "      id: {type: Integer, primary_key: true}\n"
                      "      code: {type: String(10), collation: \"de_DE\"}\n"
                      "      name: {type: Text, collation: nocase}\n"
                      "    unique:\n"
                      "      - {columns: [code], deferrable: true}\n"
                      "  Slot:\n"
                      "    table: slots\n"
                      "    columns:\n"
                      "      shelf: {type: Integer}\n"
                      "      slot: {type: Integer}\n"
                      "    primary_key: {columns: [shelf, slot], deferrable: true}\n");
  CHECK(runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "postgresql"}).exitCode == 0);
  RunResult lite = runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "sqlite"});
  INFO(lite.out + lite.err);
  CHECK(lite.exitCode == 1);
  CHECK(has(lite.out, "m.yaml:6:7"));
  CHECK(has(lite.out, "collation 'de_DE' of items.code: SQLite knows BINARY, NOCASE and RTRIM"));
  CHECK(has(lite.out, "m.yaml:9:9"));
  CHECK(has(lite.out, "a deferrable unique constraint on items (code)"));
  CHECK(has(lite.out, "a deferrable primary key on slots (shelf, slot)"));
  CHECK_FALSE(has(lite.out, "nocase"));
  // apply refuses it too rather than lose the deferral (exit 2).
  RunResult apply =
      runTether({"apply", "--models", dir.file("m.yaml"), "--db", "sqlite:///" + dir.file("x.db"), "--yes"});
  CHECK(apply.exitCode == 2);
}
