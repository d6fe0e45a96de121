// Issue 15's PostgreSQL rules: the lock table, rewrite rules for type changes, volatility, what
// migration files really contain, and the rules added to answer squawk, strong_migrations and Atlas.
#include "drivers/open.h"
#include "lint/lint.h"
#include "lint/lock_levels.h"
#include "lint/type_change.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
// Lints `files` (name -> SQL) as one migrations directory, in name order.
std::vector<Finding> lintDir(const std::vector<std::pair<std::string, std::string>> &files,
                             Connection *db = nullptr, bool style = false) {
  TempDir d;
  for (const auto &[name, sql] : files)
    d.write(name, sql);
  LintOptions o;
  o.dialect = "postgresql";
  o.db = db;
  o.enableStyle = style;
  return lintMigrationDir(d.path(), o);
}

std::vector<Finding> lintOne(const std::string &sql, Connection *db = nullptr) {
  return lintDir({{"0001_m.up.sql", sql}}, db);
}

const Finding *find(const std::vector<Finding> &fs, const std::string &rule, int line = 0) {
  for (const auto &f : fs)
    if (f.check == rule && (line == 0 || f.location.line == line)) return &f;
  return nullptr;
}

std::string describe(const std::vector<Finding> &fs) {
  std::string s;
  for (const auto &f : fs)
    s += f.check + " " + std::string(severityName(f.severity)) + " @" + std::to_string(f.location.line) +
         ":" + std::to_string(f.location.column) + ": " + f.message + "\n";
  return s;
}

const char *kUsers =
    "CREATE TABLE users (id int PRIMARY KEY, age int, name varchar(20), price numeric(10,2), "
    "at timestamp(3), net cidr, code text);\n";
} // namespace

TEST_CASE("lint lock table: every entry is documented in docs/cli.md", "[lint]") {
  std::string doc = readFile(sourceDir() + "/docs/cli.md");
  for (const auto &e : lint::lockTable()) {
    INFO(e.statement);
    CHECK(doc.find(std::string("| ") + e.statement + " |") != std::string::npos);
  }
  CHECK(lint::lockEntry("CREATE INDEX").lock == lint::LockLevel::Share);
  CHECK_THROWS(lint::lockEntry("no such statement"));
}

TEST_CASE("lint: every statement taking a write-blocking lock on an existing table asks for lock_timeout",
          "[lint]") {
  for (const char *sql :
       {"CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION f();", "VACUUM FULL users;",
        "CLUSTER users USING users_pkey;", "REINDEX TABLE users;", "REFRESH MATERIALIZED VIEW stats;",
        "ALTER TABLE users ENABLE TRIGGER t;", "ALTER TABLE users SET TABLESPACE fast;", "LOCK TABLE users;",
        "ALTER TABLE users ALTER COLUMN age SET STORAGE external;", "DROP INDEX users_age;"}) {
    auto fs = lintOne(sql);
    INFO(sql << "\n" << describe(fs));
    CHECK(find(fs, "missing-lock-timeout"));
  }
  // Weaker locks that block neither reads nor writes do not.
  for (const char *sql : {"ALTER TABLE users VALIDATE CONSTRAINT c;",
                          "ALTER TABLE users ALTER COLUMN age SET "
                          "STATISTICS 500;",
                          "ALTER TYPE mood ADD VALUE 'meh';"}) {
    auto fs = lintOne(sql);
    INFO(sql << "\n" << describe(fs));
    CHECK_FALSE(find(fs, "missing-lock-timeout"));
  }
}

TEST_CASE("lint: long locks without a rule of their own are lock hazards", "[lint]") {
  auto fs = lintOne("SET lock_timeout = '5s';\nVACUUM FULL users;\nCLUSTER users;\nREINDEX INDEX users_age;\n"
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY stats;\nVACUUM (FULL false) users;\n"
                    "ALTER TABLE users SET LOGGED;\n");
  INFO(describe(fs));
  CHECK(find(fs, "lock-hazard", 2));
  CHECK(find(fs, "lock-hazard", 3));
  REQUIRE(find(fs, "lock-hazard", 4));
  CHECK(find(fs, "lock-hazard", 4)->fix.find("REINDEX INDEX CONCURRENTLY") != std::string::npos);
  CHECK(find(fs, "lock-hazard", 5)); // EXCLUSIVE: blocks writes for the whole refresh
  CHECK_FALSE(find(fs, "lock-hazard", 6));
  CHECK(find(fs, "lock-hazard", 7));
}

TEST_CASE("lint: type changes follow PostgreSQL's rewrite rules, earlier migrations giving the old type",
          "[lint]") {
  auto fs = lintDir({{"0001_init.up.sql", kUsers},
                     {"0002_change.up.sql", "SET lock_timeout = '5s';\n"
                                            "ALTER TABLE users ALTER COLUMN age TYPE text;\n"
                                            "ALTER TABLE users ALTER COLUMN name TYPE text;\n"
                                            "ALTER TABLE users ALTER COLUMN name TYPE varchar(10);\n"
                                            "ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);\n"
                                            "ALTER TABLE users ALTER COLUMN at TYPE timestamp(6);\n"
                                            "ALTER TABLE users ALTER COLUMN net TYPE inet;\n"
                                            "ALTER TABLE users ALTER COLUMN id TYPE bigint;\n"
                                            "ALTER TABLE users ALTER COLUMN price TYPE numeric(12,3);\n"}});
  INFO(describe(fs));
  CHECK(find(fs, "column-type-rewrite", 2)); // int -> text rewrites
  CHECK_FALSE(find(fs, "column-type-rewrite", 3));
  CHECK(find(fs, "column-type-rewrite", 4));
  CHECK(find(fs, "narrowing-type-change", 4));
  CHECK_FALSE(find(fs, "column-type-rewrite", 5));
  CHECK_FALSE(find(fs, "column-type-rewrite", 6));
  CHECK_FALSE(find(fs, "column-type-rewrite", 7));
  CHECK(find(fs, "column-type-rewrite", 8));
  CHECK(find(fs, "column-type-rewrite", 9)); // a new scale rewrites
  CHECK(lint::typeChange("character varying(10)", "citext") == lint::TypeChange::NoRewrite);
  CHECK(lint::typeChange("varchar(10)", "varchar(5)") == lint::TypeChange::Rewrite);
  CHECK(lint::typeChange("", "text") == lint::TypeChange::Unknown);
}

TEST_CASE("lint: a default calling an unknown function counts as volatile", "[lint]") {
  auto fs = lintOne("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN slug text DEFAULT make_slug();\n"
                    "ALTER TABLE users ADD COLUMN at timestamptz DEFAULT now();\n"
                    "ALTER TABLE users ADD COLUMN label text DEFAULT lower('X');\n");
  INFO(describe(fs));
  CHECK(find(fs, "volatile-default", 2));
  CHECK_FALSE(find(fs, "volatile-default", 3));
  CHECK_FALSE(find(fs, "volatile-default", 4));
}

TEST_CASE("lint: psql input, COPY data, BEGIN ATOMIC and DO bodies", "[lint]") {
  auto fs =
      lintOne("\\set ON_ERROR_STOP on\nSET lock_timeout = '5s';\nCOPY users (id) FROM stdin;\n1\n2\n\\.\n"
              "ALTER TABLE users DROP COLUMN code;\n"
              "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a + b; END;\n"
              "DO $$\nBEGIN\n  ALTER TABLE users ADD CONSTRAINT users_age CHECK (age > 0);\nEND\n$$;\n"
              "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'users'; END $$;\n");
  INFO(describe(fs));
  CHECK(find(fs, "psql-meta-command", 1));
  REQUIRE(find(fs, "psql-meta-command", 4));
  CHECK(find(fs, "psql-meta-command", 4)->message.find("2 lines") != std::string::npos);
  CHECK(find(fs, "drop-column", 7)); // the statement after the data is not swallowed
  CHECK_FALSE(find(fs, "syntax-error"));
  CHECK(find(fs, "add-check-without-not-valid", 9)); // DDL inside DO is linted
  CHECK(find(fs, "do-block-not-checked", 14));
}

TEST_CASE("lint: a BEGIN ATOMIC body with CASE … END inside, and a broken body that never ends", "[lint]") {
  auto fs = lintOne("CREATE FUNCTION sign_of(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
                    "  SELECT CASE WHEN a > 0 THEN 1 END;\n  SELECT CASE WHEN a < 0 THEN -1 END;\nEND;\n"
                    "ALTER TABLE users DROP COLUMN code;\n"
                    "CREATE FUNCTION broken() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 +;\n"
                    "ALTER TABLE users DROP COLUMN name;\n");
  INFO(describe(fs));
  CHECK_FALSE(find(fs, "syntax-error", 1));
  CHECK(find(fs, "drop-column", 5));
  CHECK(find(fs, "syntax-error", 6));
  CHECK(find(fs, "drop-column", 7)); // the broken body does not swallow what follows
}

TEST_CASE("lint: a NUL byte is a syntax error where it stands, and a 1400-term sum parses", "[lint]") {
  std::string sql = std::string("ALTER TABLE users DROP COLUMN code;\nSELECT 1;") + '\0' +
                    "\nALTER TABLE users DROP COLUMN name;\n";
  LintOptions o; // the file readers refuse it (exit 2); given as text, it is a finding
  o.dialect = "postgresql";
  auto fs = lintMigrationFile("0001_m.up.sql", sql, o);
  INFO(describe(fs));
  CHECK(find(fs, "drop-column", 1));
  REQUIRE(find(fs, "syntax-error", 2));
  CHECK(find(fs, "syntax-error", 2)->message.find("NUL byte") != std::string::npos);
  std::string deep = "SELECT 1";
  for (int i = 0; i < 1400; ++i)
    deep += "+1";
  CHECK_FALSE(find(lintOne(deep + ";\n"), "syntax-error"));
}

TEST_CASE("lint: positions count characters, nolint needs a reason", "[lint]") {
  auto fs =
      lintOne("SET lock_timeout = '5s';\n-- tether:nolint drop-column\nALTER TABLE users DROP COLUMN a;\n"
              "-- tether:nolint drop-column moved to archive.users in #88\nALTER TABLE users DROP COLUMN b;\n"
              "ALTER TABLE \"ünïcödé\" ADD COLUMN x int NOT NUL;\n");
  INFO(describe(fs));
  CHECK(find(fs, "nolint-without-reason", 3));
  CHECK_FALSE(find(fs, "drop-column"));
  CHECK_FALSE(find(fs, "nolint-without-reason", 5));
  REQUIRE(find(fs, "syntax-error", 6));
  CHECK(find(fs, "syntax-error", 6)->location.column == 44); // bytes would say 48
}

TEST_CASE("lint: transactions, NOT VALID with VALIDATE, renames under a view, enums, drops", "[lint]") {
  auto fs =
      lintOne("SET lock_timeout = '5s';\nBEGIN;\n"
              "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
              "ALTER TABLE orders VALIDATE CONSTRAINT fk;\nCOMMIT;\n"
              "ALTER TABLE users RENAME TO people;\nCREATE VIEW users AS SELECT * FROM people;\n"
              "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';\nALTER TYPE mood ADD VALUE 'meh' AFTER 'ok';\n"
              "DROP SCHEMA old CASCADE;\nALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n"
              "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);\n"
              "BEGIN;\nALTER TABLE users ADD COLUMN z int;\n");
  INFO(describe(fs));
  CHECK(find(fs, "transaction-nesting", 2));
  REQUIRE(find(fs, "not-valid-validate-same-transaction", 4));
  const std::string fix = find(fs, "not-valid-validate-same-transaction", 4)->fix;
  CHECK(fix.find("-- migration 1 of 2") != std::string::npos);
  CHECK(fix.find("-- migration 2 of 2\nALTER TABLE \"orders\" VALIDATE CONSTRAINT \"fk\";") !=
        std::string::npos);
  CHECK_FALSE(find(fs, "rename-table"));
  CHECK(find(fs, "rename-enum-value", 8));
  CHECK(find(fs, "enum-value-order", 9));
  CHECK(find(fs, "drop-schema", 10));
  CHECK(find(fs, "drop-not-null", 11));
  CHECK(find(fs, "add-exclude-constraint", 12));
  CHECK(find(fs, "uncommitted-transaction", 13));
}

TEST_CASE(
    "lint: unique keys build an index under ACCESS EXCLUSIVE, and expression indexes name the expression",
    "[lint]") {
  auto fs =
      lintOne("SET lock_timeout = '5s';\nALTER TABLE users ADD PRIMARY KEY (id);\n"
              "ALTER TABLE users ADD COLUMN email text UNIQUE;\n"
              "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS u ON users (lower(email)) WHERE active;\n");
  INFO(describe(fs));
  REQUIRE(find(fs, "unique-constraint-builds-index", 2));
  CHECK(find(fs, "unique-constraint-builds-index", 2)->severity == Severity::Error);
  REQUIRE(find(fs, "unique-constraint-builds-index", 3));
  CHECK(find(fs, "unique-constraint-builds-index", 3)->fix.find("-- migration 3 of 3") != std::string::npos);
  REQUIRE(find(fs, "add-unique-constraint", 4));
  CHECK(find(fs, "add-unique-constraint", 4)->message.find("(lower(email)) WHERE active") !=
        std::string::npos);
}

TEST_CASE("lint: style rules only when enabled", "[lint]") {
  std::vector<std::pair<std::string, std::string>> files = {
      {"0001_m.up.sql",
       "CREATE TABLE t (id serial PRIMARY KEY, n int, s varchar(5), c char(2), at timestamp);"}};
  CHECK(lintDir(files).empty());
  auto fs = lintDir(files, nullptr, true);
  INFO(describe(fs));
  for (const char *rule : {"prefer-bigint", "prefer-identity", "prefer-text", "ban-char-type",
                           "prefer-timestamptz", "require-schema"})
    CHECK(find(fs, rule));
}

TEST_CASE("lint postgres data: rewrite rules from the catalog, pg_proc volatility, PK NULLs, FK orphans",
          "[lint][postgres]") {
  REQUIRE_PG();
  PgDatabase pg;
  {
    auto w = openConnection(pg.url());
    w->execute(
        "CREATE TABLE users (id int, name varchar(20), net cidr, email text);"
        "INSERT INTO users SELECT g, 'n' || g, '10.0.0.0/8', NULL FROM generate_series(1, 1500) g;"
        "INSERT INTO users VALUES (NULL, 'x', NULL, NULL);"
        "CREATE TABLE orders (id int, user_id int); INSERT INTO orders VALUES (1, 1), (2, 99999), (3, NULL);"
        "CREATE FUNCTION stable_slug() RETURNS text LANGUAGE sql STABLE AS $$ SELECT 'x' $$;"
        "CREATE FUNCTION volatile_slug() RETURNS text LANGUAGE plpgsql AS $$ BEGIN RETURN 'x'; END $$;");
  }
  OpenOptions ro;
  ro.readOnly = true;
  auto db = openConnection(pg.url(), ro);
  auto fs = lintOne("SET lock_timeout = '5s';\n"
                    "ALTER TABLE users ALTER COLUMN net TYPE inet;\n"
                    "ALTER TABLE users ALTER COLUMN id TYPE text;\n"
                    "ALTER TABLE users ADD COLUMN a text DEFAULT stable_slug();\n"
                    "ALTER TABLE users ADD COLUMN b text DEFAULT volatile_slug();\n"
                    "ALTER TABLE users ADD PRIMARY KEY (id);\n"
                    "ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users (id);\n"
                    "ALTER TABLE users ALTER COLUMN name TYPE text;\n"
                    "ALTER TABLE users ALTER COLUMN name TYPE varchar(30);\n",
                    db.get());
  INFO(describe(fs));
  REQUIRE(find(fs, "column-type-rewrite", 2));
  CHECK(find(fs, "column-type-rewrite", 2)->severity == Severity::Info); // cidr -> inet: no rewrite
  REQUIRE(find(fs, "column-type-rewrite", 3));
  CHECK(find(fs, "column-type-rewrite", 3)->severity == Severity::Error); // integer -> text rewrites
  CHECK(find(fs, "column-type-rewrite", 3)->message.find("from integer") != std::string::npos);
  CHECK_FALSE(find(fs, "volatile-default", 4));
  CHECK(find(fs, "volatile-default", 5));
  REQUIRE(find(fs, "add-unique-constraint", 6));
  // One NULL id and no duplicates: the NULL is named, not counted as a duplicate.
  CHECK(find(fs, "add-unique-constraint", 6)->message.find("1 row has NULL in the key") != std::string::npos);
  CHECK(find(fs, "add-unique-constraint", 6)->message.find("share") == std::string::npos);
  REQUIRE(find(fs, "unique-constraint-builds-index", 6));
  CHECK(find(fs, "unique-constraint-builds-index", 6)->severity == Severity::Error); // 1,500 rows
  REQUIRE(find(fs, "foreign-key-orphans", 7));
  CHECK(find(fs, "foreign-key-orphans", 7)->message.find("1 row points at no row of users") !=
        std::string::npos);
  // The earlier statement made name text: varchar(30) from text rewrites, whatever the catalog says.
  REQUIRE(find(fs, "column-type-rewrite", 9));
  CHECK(find(fs, "column-type-rewrite", 9)->severity == Severity::Error);
  // A tiny table: the index build is brief, info only.
  auto small =
      lintOne("SET lock_timeout = '5s';\nALTER TABLE orders ADD CONSTRAINT o_id UNIQUE (id);\n", db.get());
  INFO(describe(small));
  REQUIRE(find(small, "unique-constraint-builds-index"));
  CHECK(find(small, "unique-constraint-builds-index")->severity == Severity::Info);
}

TEST_CASE("lint corpus: every peer example gets its expected verdict", "[lint]") {
  RunResult r =
      runShell(shellQuote(sourceDir() + "/bench/lint/run.sh") + " " + shellQuote(TETHER_BINARY) + " 2>&1");
  INFO(r.out);
  CHECK(r.exitCode == 0);
  CHECK(r.out.find("misses: none") != std::string::npos);
  CHECK(r.out.find("false alarms: none") != std::string::npos);
}

TEST_CASE(
    "migrate lint: tether.yaml lint: {enable: [style]} turns the style rules on, other sets are refused",
    "[lint][cli]") {
  TempDir d;
  REQUIRE(runShell("mkdir -p " + shellQuote(d.file("m"))).exitCode == 0);
  d.write("m/0001_t.up.sql", "CREATE TABLE t (id serial PRIMARY KEY, at timestamp);\n");
  RunResult off = runTether({"migrate", "lint", "--dir", "m", "--dialect", "postgresql"}, d.path());
  INFO(off.out + off.err);
  CHECK(off.exitCode == 0);
  CHECK(off.out.find("prefer-identity") == std::string::npos);
  d.write("tether.yaml", "lint: {enable: [style]}\n");
  RunResult on = runTether(
      {"migrate", "lint", "--dir", "m", "--dialect", "postgresql", "--fail-on", "warning"}, d.path());
  INFO(on.out + on.err);
  CHECK(on.exitCode == 1);
  CHECK(on.out.find("prefer-identity") != std::string::npos);
  CHECK(on.out.find("prefer-timestamptz") != std::string::npos);
  d.write("tether.yaml", "lint: {enable: [pedantic]}\n");
  RunResult bad = runTether({"migrate", "lint", "--dir", "m", "--dialect", "postgresql"}, d.path());
  CHECK(bad.exitCode == 2);
  CHECK(bad.err.find("unknown lint rule set 'pedantic'") != std::string::npos);
}

TEST_CASE("lint: a type change from an unknown old type to a widenable type is a warning, not an error",
          "[lint]") {
  auto fs = lintOne("SET lock_timeout = '5s';\nALTER TABLE users ALTER COLUMN email TYPE varchar(300);\n"
                    "ALTER TABLE users ALTER COLUMN age TYPE bigint;\n");
  INFO(describe(fs));
  REQUIRE(find(fs, "column-type-rewrite", 2));
  CHECK(find(fs, "column-type-rewrite", 2)->severity == Severity::Warning);
  CHECK(find(fs, "column-type-rewrite", 2)->message.find("unless") != std::string::npos);
  REQUIRE(find(fs, "column-type-rewrite", 3));
  CHECK(find(fs, "column-type-rewrite", 3)->severity == Severity::Error);
}
