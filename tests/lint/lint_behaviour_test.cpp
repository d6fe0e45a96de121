#include "lint/lint.h"
#include "support.h"
#include <catch2/catch.hpp>
#include <filesystem>

using namespace tether;

namespace {
std::vector<Finding> lintSql(const std::string &dialect, const std::string &sql,
                             std::vector<std::string> ignore = {}) {
  LintOptions o;
  o.dialect = dialect;
  o.ignoreRules = std::move(ignore);
  return lintMigrationFile("migrations/" + dialect + "/0002_change.up.sql", sql, o);
}

const Finding *find(const std::vector<Finding> &fs, const std::string &rule) {
  for (const auto &f : fs)
    if (f.check == rule) return &f;
  return nullptr;
}

int count(const std::vector<Finding> &fs, const std::string &rule) {
  int n = 0;
  for (const auto &f : fs)
    n += f.check == rule;
  return n;
}
} // namespace

TEST_CASE("lint: a PostgreSQL statement that does not parse is a finding at the parser's position",
          "[lint]") {
  auto fs = lintSql(
      "postgresql",
      "SET lock_timeout = '5s';\n-- add the nickname\nALTER TABLE users ADD COLUMN nickname text NOT NUL;\n"
      "CREATE TABLE ok (id int);\n");
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == "syntax-error");
  CHECK(fs[0].severity == Severity::Error);
  CHECK(fs[0].location.file == "migrations/postgresql/0002_change.up.sql");
  CHECK(fs[0].location.line == 3);
  CHECK(fs[0].location.column == 48); // at NUL
  CHECK(fs[0].message.find("NUL") != std::string::npos);
  // PostgreSQL counts characters; the position stays right after multi-byte text.
  auto accented = lintSql(
      "postgresql",
      "SET lock_timeout = '5s';\n-- café crème\nALTER TABLE users ADD COLUMN \"naïve\" text NOT NUL;\n");
  REQUIRE(accented.size() == 1);
  CHECK(accented[0].location.line == 3);
  CHECK(accented[0].location.column == 47); // in characters, as editors count: "naïve" (quoted) is 7
}

TEST_CASE("lint: a SQLite statement that does not parse is a finding at SQLite's position", "[lint]") {
  auto fs = lintSql(
      "sqlite", "CREATE TABLE t (id INTEGER);\n\n  ALTER TABLE users ADD COLUMN nickname TEXT DEFAULT;\n");
  REQUIRE(fs.size() == 1);
  CHECK(fs[0].check == "syntax-error");
  CHECK(fs[0].location.line == 3);
  CHECK(fs[0].location.column >= 3);
}

TEST_CASE("lint: unterminated input and garbage give a syntax finding, never a crash", "[lint]") {
  for (const char *sql :
       {"CREATE TABLE t (id int", "SELECT 'unterminated", "$$", "/* never closed", ";;;;", "", "\xff\xfe"}) {
    INFO(sql);
    auto pg = lintSql("postgresql", sql);
    auto lite = lintSql("sqlite", sql);
    for (const auto &f : pg)
      CHECK(f.check == "syntax-error");
    for (const auto &f : lite)
      CHECK(f.check == "syntax-error");
  }
  CHECK(find(lintSql("postgresql", "SELECT 'unterminated"), "syntax-error"));
}

TEST_CASE("lint: nolint covers its own statement only, and ignore lists silence a rule everywhere",
          "[lint]") {
  std::string sql = "SET lock_timeout = '5s';\n"
                    "-- tether:nolint drop-table archived last year\n"
                    "DROP TABLE a;\n"
                    "DROP TABLE b; -- tether:nolint drop-table,truncate gone since v2\n"
                    "DROP TABLE c;\n"
                    "/* tether:nolint truncate wrong rule */ DROP TABLE d;\n";
  auto fs = lintSql("postgresql", sql);
  REQUIRE(count(fs, "drop-table") == 2);
  std::vector<int> lines;
  for (const auto &f : fs)
    lines.push_back(f.location.line);
  CHECK(lines == std::vector<int>{5, 6});
  CHECK(lintSql("postgresql", sql, {"drop-table"}).empty());
}

TEST_CASE("lint: objects created earlier in the same migration are not existing tables", "[lint]") {
  auto fs =
      lintSql("postgresql", "SET lock_timeout = '5s';\n"
                            "CREATE TABLE events (id bigint PRIMARY KEY, kind text, at timestamptz);\n"
                            "CREATE INDEX events_kind ON events (kind);\n"
                            "ALTER TABLE events ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();\n"
                            "ALTER TABLE events ALTER COLUMN kind SET NOT NULL;\n"
                            "ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind <> '');\n"
                            "DROP TABLE events;\n");
  INFO(fs.size());
  CHECK(fs.empty());
}

TEST_CASE("lint: a SQLite rebuild is not reported as a drop and a rename", "[lint]") {
  auto fs = lintSql("sqlite", "-- tether:no-transaction\nPRAGMA foreign_keys = OFF;\nBEGIN;\n"
                              "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT);\n"
                              "INSERT INTO users_new SELECT id, email FROM users;\nDROP TABLE users;\n"
                              "ALTER TABLE users_new RENAME TO users;\nPRAGMA "
                              "foreign_key_check;\nCOMMIT;\nPRAGMA foreign_keys = ON;\n");
  CHECK(fs.empty());
}

TEST_CASE("lint: for a runner that leaves foreign keys on, PRAGMA foreign_keys = OFF inside its transaction "
          "does not count",
          "[lint]") {
  LintOptions o;
  o.dialect = "sqlite";
  o.sqliteRunnerForeignKeysOff = false;
  std::string sql = "PRAGMA foreign_keys = OFF;\nCREATE TABLE users_new (id INTEGER PRIMARY KEY);\n"
                    "DROP TABLE users;\nALTER TABLE users_new RENAME TO users;\nPRAGMA foreign_key_check;\n";
  CHECK(lintSql("sqlite", sql).empty()); // tether's own runner switches them off first
  auto fs = lintMigrationFile("0002.up.sql", sql, o);
  const Finding *f = find(fs, "rebuild-with-foreign-keys-on");
  REQUIRE(f);
  CHECK(f->location.line == 3);
  CHECK(f->message.find("no-op inside the transaction") != std::string::npos);
}

TEST_CASE("lint: an explicit BEGIN in a no-transaction file makes CONCURRENTLY fail again", "[lint]") {
  auto fs = lintSql("postgresql", "-- tether:no-transaction\nSET lock_timeout = '5s';\nBEGIN;\n"
                                  "CREATE INDEX CONCURRENTLY orders_user ON orders (user_id);\nCOMMIT;\n"
                                  "CREATE INDEX CONCURRENTLY orders_total ON orders (total);\n");
  REQUIRE(count(fs, "concurrently-in-transaction") == 1);
  CHECK(find(fs, "concurrently-in-transaction")->location.line == 4);
}

TEST_CASE("lint: fixes are concrete SQL with the statement's own names, quoted", "[lint]") {
  auto fs = lintSql("postgresql",
                    "SET lock_timeout = '5s';\nALTER TABLE \"Order\" ALTER COLUMN \"Total\" SET NOT NULL;\n"
                    "CREATE INDEX order_total ON \"Order\" (\"Total\");\n");
  const Finding *setNotNull = find(fs, "set-not-null-without-check");
  REQUIRE(setNotNull);
  CHECK(setNotNull->fix.find("ALTER TABLE \"Order\" ADD CONSTRAINT \"Order_Total_not_null\" CHECK (\"Total\" "
                             "IS NOT NULL) NOT VALID;") != std::string::npos);
  CHECK(setNotNull->fix.find("VALIDATE CONSTRAINT") != std::string::npos);
  const Finding *index = find(fs, "create-index-without-concurrently");
  REQUIRE(index);
  CHECK(index->fix.find("CREATE INDEX CONCURRENTLY IF NOT EXISTS order_total ON \"Order\" (\"Total\");") !=
        std::string::npos);
  CHECK(index->table == "Order");
}

TEST_CASE("lint: missing lock_timeout is reported once, at the first DDL on an existing table", "[lint]") {
  auto fs = lintSql("postgresql", "CREATE TABLE t (id int);\nALTER TABLE users ADD COLUMN a text;\nALTER "
                                  "TABLE users ADD COLUMN b text;\n");
  REQUIRE(count(fs, "missing-lock-timeout") == 1);
  CHECK(find(fs, "missing-lock-timeout")->location.line == 2);
  CHECK(find(lintSql("postgresql", "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN a text;\n"),
             "missing-lock-timeout"));
}

TEST_CASE("lint: every fixture cut short at any point still lints, with positions inside the text",
          "[lint]") {
  namespace fs = std::filesystem;
  size_t runs = 0;
  for (const char *dialect : {"postgresql", "sqlite"})
    for (const auto &entry : fs::directory_iterator(tether::test::fixture(std::string("lint/") + dialect))) {
      std::string sql = tether::test::readFile(entry.path().string());
      for (size_t cut = 0; cut <= sql.size(); cut += 2) {
        std::string part = sql.substr(0, cut);
        auto fs = lintSql(dialect, part);
        int lines = 1;
        for (char c : part)
          lines += c == '\n';
        for (const auto &f : fs) {
          INFO(entry.path().filename().string() << " cut at " << cut << ": " << f.check);
          REQUIRE(f.location.line >= 1);
          REQUIRE(f.location.line <= lines);
          REQUIRE(f.location.column >= 1);
        }
        ++runs;
      }
    }
  CHECK(runs > 1000);
}

TEST_CASE("lint: REFERENCES and CHECK on an added column, serial and identity columns", "[lint]") {
  auto fs = lintSql("postgresql", "SET lock_timeout = '5s';\n"
                                  "ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);\n"
                                  "ALTER TABLE orders ADD COLUMN qty int CHECK (qty > 0);\n"
                                  "ALTER TABLE orders ADD COLUMN seq bigserial;\n"
                                  "ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY;\n"
                                  "ALTER TABLE orders ADD COLUMN created timestamptz DEFAULT now();\n");
  const Finding *fk = find(fs, "add-foreign-key-without-not-valid");
  REQUIRE(fk);
  CHECK(fk->location.line == 2);
  CHECK(fk->columns == std::vector<std::string>{"coupon_id"});
  const Finding *check = find(fs, "add-check-without-not-valid");
  REQUIRE(check);
  CHECK(check->location.line == 3);
  REQUIRE(count(fs, "volatile-default") == 2);
  std::vector<std::string> messages;
  for (const auto &f : fs)
    if (f.check == "volatile-default") messages.push_back(f.message);
  CHECK(messages[0].find("nextval()") != std::string::npos);
  CHECK(messages[1].find("an identity") != std::string::npos);
  for (const auto &f : fs)
    if (f.check == "volatile-default")
      CHECK(f.fix.find("SET DEFAULT") == std::string::npos); // no fake rewrite
}

TEST_CASE("lint: the SQL tether generates is clean: SQLite rebuilds and PostgreSQL online steps", "[lint]") {
  // As the SQLite dialect renders a rebuild (checked with the table-valued pragma).
  auto lite = lintSql(
      "sqlite",
      "-- rebuild table users\n"
      "CREATE TABLE \"_tether_new_users\" (\"id\" INTEGER NOT NULL, \"email\" TEXT, PRIMARY KEY (\"id\"));\n"
      "INSERT INTO \"_tether_new_users\" (\"id\", \"email\") SELECT \"id\", \"email\" FROM \"users\";\n"
      "DROP TABLE \"users\";\nPRAGMA legacy_alter_table = ON;\n"
      "ALTER TABLE \"_tether_new_users\" RENAME TO \"users\";\nPRAGMA legacy_alter_table = OFF;\n"
      "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check('users');\n");
  INFO(lite.size());
  CHECK(lite.empty());
  // As plan --online writes a non-transactional step: the marker line after the statement.
  auto pg =
      lintSql("postgresql", "SET lock_timeout = '5s';\n"
                            "CREATE INDEX CONCURRENTLY \"ix_orders_user_id\" ON \"orders\" (\"user_id\");\n"
                            "-- (runs outside the transaction)\n"
                            "CREATE INDEX CONCURRENTLY \"ix_orders_total\" ON \"orders\" (\"total\");\n");
  REQUIRE(count(pg, "concurrently-in-transaction") == 1);
  CHECK(find(pg, "concurrently-in-transaction")->location.line == 4);
}

TEST_CASE("lint: a SQLite trigger body, CASE … END inside, is one statement", "[lint]") {
  auto fs = lintSql(
      "sqlite",
      "CREATE TRIGGER users_audit AFTER UPDATE ON users BEGIN\n"
      "  INSERT INTO audit (kind) VALUES (CASE WHEN new.email IS NULL THEN 'cleared' ELSE 'set' END);\n"
      "  UPDATE users SET flag = CASE WHEN new.email IS NULL THEN 0 ELSE 1 END;\n"
      "  DELETE FROM pending;\n"
      "END;\n"
      "DROP TABLE old_audit;\n");
  REQUIRE(fs.size() == 1); // the DELETE inside the trigger is not a migration step
  CHECK(fs[0].check == "drop-table");
  CHECK(fs[0].location.line == 6);
}

TEST_CASE("lint: SET NOT NULL on a column just added with a default cannot meet a NULL", "[lint]") {
  auto fs = lintSql("postgresql",
                    "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN plan text DEFAULT 'free';\n"
                    "ALTER TABLE users ALTER COLUMN plan SET NOT NULL;\nALTER TABLE users ALTER COLUMN email "
                    "SET NOT NULL;\n");
  REQUIRE(count(fs, "set-not-null") == 1);
  CHECK(find(fs, "set-not-null")->columns == std::vector<std::string>{"email"});
  CHECK(count(fs, "set-not-null-without-check") == 2); // the scan happens either way
}

TEST_CASE("lint: a misspelt nolint rule is reported with the likely name, and silences nothing", "[lint]") {
  auto fs = lintSql("sqlite", "DROP TABLE a; -- tether:nolint drop-tabel gone\n");
  REQUIRE(fs.size() == 2);
  const Finding *unknown = find(fs, "unknown-nolint-rule");
  REQUIRE(unknown);
  CHECK(unknown->message == "tether:nolint names no rule 'drop-tabel' (did you mean drop-table?)");
  CHECK(find(fs, "drop-table"));
}
