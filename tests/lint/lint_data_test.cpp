#include "drivers/open.h"
#include "lint/lint.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
void sqlite(const std::string &db, const std::string &sql) {
  auto r = runShell("sqlite3 " + shellQuote(db) + " " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
}

void psql(const std::string &url, const std::string &sql) {
  auto r = runShell("psql -X -q -v ON_ERROR_STOP=1 " + shellQuote(url) + " -c " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
}

std::unique_ptr<Connection> openReadOnly(const std::string &url) {
  OpenOptions o;
  o.readOnly = true;
  return openConnection(url, o);
}

std::vector<Finding> lintWith(Connection &db, const std::string &sql) {
  LintOptions o;
  o.dialect = db.dialect().name();
  o.db = &db;
  return lintMigrationFile("0003.up.sql", sql, o);
}

const Finding *find(const std::vector<Finding> &fs, const std::string &rule) {
  for (const auto &f : fs)
    if (f.check == rule) return &f;
  return nullptr;
}
} // namespace

TEST_CASE("lint sqlite data: a unique index over duplicates will fail, counted from the rows", "[lint]") {
  TempDir d;
  std::string file = d.file("app.db");
  sqlite(file, "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT);"
               "INSERT INTO users(email, name) VALUES ('a@x', 'A'), ('b@x', 'B'), ('a@x', 'C'), (NULL, 'D'), "
               "(NULL, 'E');"
               "CREATE TABLE empty_t(id INTEGER PRIMARY KEY);");
  auto db = openReadOnly("sqlite:///" + file);
  auto fs = lintWith(*db, "CREATE UNIQUE INDEX users_email_key ON users (email);\n"
                          "CREATE UNIQUE INDEX users_name_key ON users (name);\n"
                          "ALTER TABLE users ADD COLUMN plan TEXT NOT NULL;\n"
                          "ALTER TABLE empty_t ADD COLUMN plan TEXT NOT NULL;\n");
  REQUIRE(fs.size() == 4);
  CHECK(fs[0].check == "add-unique-constraint");
  CHECK(fs[0].severity == Severity::Error);
  CHECK(fs[0].message == "adding UNIQUE (email) will fail: 2 rows share a value"); // NULLs never collide
  CHECK(*fs[0].count == 2);
  CHECK(fs[1].severity == Severity::Info); // names are distinct today
  CHECK(fs[2].check == "add-not-null-column-without-default");
  CHECK(fs[2].severity == Severity::Error);
  CHECK(fs[2].message.find("will fail: users has 5 rows") != std::string::npos);
  CHECK(fs[3].severity == Severity::Info);
  CHECK(fs[3].message.find("empty today") != std::string::npos);
}

TEST_CASE("lint sqlite data: a table the database does not have yet leaves the finding as it was", "[lint]") {
  TempDir d;
  std::string file = d.file("app.db");
  sqlite(file, "CREATE TABLE other(id INTEGER);");
  auto db = openReadOnly("sqlite:///" + file);
  auto fs = lintWith(*db, "CREATE UNIQUE INDEX later_code ON later (code);\n");
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].severity == Severity::Warning);
  CHECK(!fs[0].count);
}

TEST_CASE("lint postgres data: duplicates, NULLs and too-long values counted, and locks sized by rows",
          "[lint][postgres]") {
  REQUIRE_PG();
  PgDatabase pg;
  psql(pg.url(), R"SQL(
CREATE TABLE "Users"(id serial PRIMARY KEY, "E-mail" text, name text, nick text);
INSERT INTO "Users"("E-mail", name, nick) SELECT CASE WHEN g <= 2 THEN 'dup@x' ELSE 'u' || g || '@x' END,
  CASE WHEN g <= 14 THEN NULL ELSE 'n' || g END, CASE WHEN g <= 3 THEN repeat('x', 20) ELSE 'short' END
  FROM generate_series(1, 1500) AS g;
CREATE TABLE tiny(id int PRIMARY KEY, code text, label varchar(20));
INSERT INTO tiny VALUES (1, 'a'), (2, 'b');
)SQL");
  auto db = openReadOnly(pg.url());
  auto fs = lintWith(*db, "SET lock_timeout = '5s';\n"
                          "ALTER TABLE \"Users\" ADD CONSTRAINT users_email_key UNIQUE (\"E-mail\");\n"
                          "ALTER TABLE \"Users\" ALTER COLUMN name SET NOT NULL;\n"
                          "ALTER TABLE \"Users\" ALTER COLUMN nick TYPE varchar(10);\n"
                          "CREATE INDEX users_name ON \"Users\" (name);\n"
                          "CREATE INDEX tiny_code ON tiny (code);\n"
                          "ALTER TABLE tiny ALTER COLUMN code SET NOT NULL;\n"
                          "ALTER TABLE tiny ALTER COLUMN label TYPE varchar(40);\n");
  const Finding *unique = find(fs, "add-unique-constraint");
  REQUIRE(unique);
  CHECK(unique->message == "adding UNIQUE (E-mail) will fail: 2 rows share a value");
  CHECK(unique->severity == Severity::Error);
  const Finding *notNull = find(fs, "set-not-null");
  REQUIRE(notNull);
  CHECK(notNull->message == "SET NOT NULL will fail: 14 rows are NULL in Users.name");
  CHECK(*notNull->count == 14);
  const Finding *narrow = find(fs, "narrowing-type-change");
  REQUIRE(narrow);
  CHECK(narrow->severity == Severity::Error);
  CHECK(narrow->message.find("3 values are longer than 10 characters") != std::string::npos);
  std::vector<const Finding *> indexes;
  for (const auto &f : fs)
    if (f.check == "create-index-without-concurrently") indexes.push_back(&f);
  REQUIRE(indexes.size() == 2);
  CHECK(indexes[0]->severity == Severity::Error); // 1500 rows
  CHECK(indexes[0]->message.find("at least 1000 rows") != std::string::npos);
  CHECK(indexes[1]->severity == Severity::Info); // 2 rows: the lock is brief
  CHECK(indexes[1]->message.find("tiny has 2 rows") != std::string::npos);
  int tinyNotNull = 0;
  for (const auto &f : fs)
    if (f.table == "tiny" && f.check == "set-not-null") {
      ++tinyNotNull;
      CHECK(f.severity == Severity::Info);
    }
  CHECK(tinyNotNull == 1);
  int widening = 0;
  for (const auto &f : fs)
    if (f.table == "tiny" && (f.check == "column-type-rewrite" || f.check == "narrowing-type-change")) {
      ++widening;
      CHECK(f.severity == Severity::Info);
      CHECK(f.message == "changing tiny.label from character varying(20) to varchar(40) widens it: no "
                         "rewrite, every value fits");
    }
  CHECK(widening == 2);
}

TEST_CASE("lint sqlite data: a rebuild into stricter columns is judged against the old rows", "[lint]") {
  TempDir d;
  std::string file = d.file("app.db");
  sqlite(file, "CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT, name TEXT, code TEXT);"
               "INSERT INTO users(email, name, code) VALUES ('a@x', 'A', 'c1'), (NULL, 'B', 'c2'), ('b@x', "
               "NULL, 'c1'), (NULL, 'D', 'c3');");
  auto db = openReadOnly("sqlite:///" + file);
  std::string rebuild = "CREATE TABLE \"_tether_new_users\" (\"id\" INTEGER NOT NULL, \"email\" TEXT NOT "
                        "NULL, \"label\" TEXT,\n"
                        "  \"code\" TEXT, PRIMARY KEY (\"id\"), UNIQUE (\"code\"));\n"
                        "INSERT INTO \"_tether_new_users\" (\"id\", \"email\", \"label\", \"code\") SELECT "
                        "\"id\", \"email\", \"name\", \"code\" FROM \"users\";\n"
                        "DROP TABLE \"users\";\n"
                        "ALTER TABLE \"_tether_new_users\" RENAME TO \"users\";\n"
                        "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check('users');\n";
  auto fs = lintWith(*db, rebuild);
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].check == "set-not-null");
  CHECK(fs[0].message == "rebuild of users makes email NOT NULL: will fail, 2 rows are NULL in users.email");
  CHECK(fs[0].location.line == 3); // the INSERT that would fail
  CHECK(fs[1].check == "add-unique-constraint");
  CHECK(fs[1].message == "rebuild of users makes (code) unique: will fail, 2 rows share a value");
  // Without the data nothing can be said; with clean data nothing is said.
  LintOptions o;
  o.dialect = "sqlite";
  CHECK(lintMigrationFile("0003.up.sql", rebuild, o).empty());
  sqlite(file, "UPDATE users SET email = 'x' || id WHERE email IS NULL; UPDATE users SET code = 'k' || id;");
  auto db2 = openReadOnly("sqlite:///" + file);
  CHECK(lintWith(*db2, rebuild).empty());
}
