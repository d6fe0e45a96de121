#include "audit/auditor.h"
#include "audit/schema_checks.h"
#include "drivers/open.h"
#include "support.h"
#include "yaml/loader.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
void sqlite(const std::string &db, const std::string &sql) {
  auto r = runShell("sqlite3 " + shellQuote(db) + " " + shellQuote(sql));
  INFO(r.out);
  REQUIRE(r.exitCode == 0);
}

const Finding *findCheck(const std::vector<Finding> &fs, const std::string &check, const std::string &table) {
  for (const auto &f : fs)
    if (f.check == check && f.table == table) return &f;
  return nullptr;
}

// PRAGMA foreign_key_check's own count of violating rows in `table`: the number to match.
long long pragmaCount(const std::string &db, const std::string &table) {
  auto r = runShell("sqlite3 " + shellQuote(db) + " " +
                    shellQuote("SELECT count(*) FROM pragma_foreign_key_check('" + table + "')"));
  return std::stoll(r.out);
}

const char *kSchema = R"SQL(
CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT);
CREATE TABLE orders(id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id));
CREATE TABLE parent(a INTEGER, b INTEGER, PRIMARY KEY (a, b));
CREATE TABLE child(id INTEGER PRIMARY KEY, pa INTEGER, pb INTEGER, FOREIGN KEY (pa, pb) REFERENCES parent(a, b));
CREATE INDEX ix_child_pb_pa ON child(pb, pa, id);
INSERT INTO users VALUES (1, 'a'), (2, 'b');
INSERT INTO orders VALUES (1, 1), (2, 2), (3, 99), (4, 99), (5, NULL), (6, 42);
INSERT INTO parent VALUES (1, 1), (1, 2);
INSERT INTO child VALUES (1, 1, 1), (2, 1, 3), (3, NULL, 3), (4, 5, NULL), (5, 2, 2), (6, 1, 2);
)SQL";
OpenOptions readOnly() {
  OpenOptions o;
  o.readOnly = true;
  return o;
}
} // namespace

TEST_CASE("audit sqlite: orphan counts match PRAGMA foreign_key_check, composite and NULLs included",
          "[audit]") {
  TempDir d;
  std::string db = d.file("shop.db");
  sqlite(db, kSchema);
  auto conn = openConnection("sqlite:///" + db, readOnly());
  AuditRun run = auditDatabase(*conn, nullptr);
  const Finding *orders = findCheck(run.findings, "orphan_rows", "orders");
  REQUIRE(orders);
  CHECK(*orders->count == 3);
  CHECK(*orders->count == pragmaCount(db, "orders"));
  CHECK(orders->examples.size() == 3);
  const Finding *child = findCheck(run.findings, "orphan_rows", "child");
  REQUIRE(child);
  // (1,3) and (2,2) match no parent; rows with a NULL in the key are not orphans (MATCH SIMPLE).
  CHECK(*child->count == 2);
  CHECK(*child->count == pragmaCount(db, "child"));
  CHECK(child->examples[0] == "(1, 3)");
}

TEST_CASE("audit sqlite: unindexed FK rule edge cases", "[audit]") {
  TempDir d;
  std::string db = d.file("ix.db");
  sqlite(db, R"SQL(
CREATE TABLE p(id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, UNIQUE (a, b));
CREATE TABLE leading(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id));
CREATE INDEX ix_leading ON leading(x, id);
CREATE TABLE trailing(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id), y INTEGER);
CREATE INDEX ix_trailing ON trailing(y, x);
CREATE TABLE partial(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id));
CREATE INDEX ix_partial ON partial(x) WHERE x > 0;
CREATE TABLE expr(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id));
CREATE INDEX ix_expr ON expr(x + 1);
CREATE TABLE bypk(x INTEGER REFERENCES p(id), n INTEGER, PRIMARY KEY (x, n));
CREATE TABLE comp(id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, FOREIGN KEY (a, b) REFERENCES p(a, b));
CREATE INDEX ix_comp ON comp(b, a);
CREATE TABLE nullskip(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id));
CREATE INDEX ix_notnull ON nullskip(x) WHERE "x" IS NOT NULL;
CREATE TABLE nullskip2(id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, FOREIGN KEY (a, b) REFERENCES p(a, b));
CREATE INDEX ix_notnull2 ON nullskip2(a, b) WHERE (a IS NOT NULL) AND (b IS NOT NULL);
CREATE TABLE othernull(id INTEGER PRIMARY KEY, x INTEGER REFERENCES p(id), y INTEGER);
CREATE INDEX ix_othernull ON othernull(x) WHERE y IS NOT NULL;
)SQL");
  auto conn = openConnection("sqlite:///" + db, readOnly());
  Schema s = conn->introspect();
  auto fs = checkUnindexedForeignKeys(s, nullptr, conn->dialect());
  CHECK_FALSE(findCheck(fs, "unindexed_foreign_key", "leading"));
  CHECK(findCheck(fs, "unindexed_foreign_key", "trailing"));
  CHECK(findCheck(fs, "unindexed_foreign_key", "partial"));
  CHECK(findCheck(fs, "unindexed_foreign_key", "expr"));
  CHECK_FALSE(findCheck(fs, "unindexed_foreign_key", "bypk"));
  CHECK_FALSE(
      findCheck(fs, "unindexed_foreign_key", "comp")); // (b, a) leads with the FK columns in another order
  // A partial index that only leaves out rows with a NULL key serves every lookup the FK makes.
  CHECK_FALSE(findCheck(fs, "unindexed_foreign_key", "nullskip"));
  CHECK_FALSE(findCheck(fs, "unindexed_foreign_key", "nullskip2"));
  CHECK(findCheck(fs, "unindexed_foreign_key", "othernull"));
  const Finding *t = findCheck(fs, "unindexed_foreign_key", "trailing");
  CHECK(t->fix == "CREATE INDEX \"ix_trailing_x\" ON \"trailing\" (\"x\");");
}

TEST_CASE("audit sqlite: redundant indexes and tables without a primary key", "[audit]") {
  TempDir d;
  std::string db = d.file("r.db");
  sqlite(db, R"SQL(
CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, c TEXT UNIQUE);
CREATE INDEX ix_a ON t(a);
CREATE INDEX ix_ab ON t(a, b);
CREATE INDEX ix_c ON t(c);
CREATE INDEX ix_b_partial ON t(b) WHERE b > 0;
CREATE TABLE nokey(x INTEGER);
)SQL");
  auto conn = openConnection("sqlite:///" + db, readOnly());
  AuditRun run = auditDatabase(*conn, nullptr);
  int redundant = 0;
  for (const auto &f : run.findings)
    if (f.check == "redundant_index") {
      ++redundant;
      CHECK((f.message.find("ix_a ") != std::string::npos || f.message.find("ix_c ") != std::string::npos));
    }
  CHECK(redundant == 2);
  CHECK(findCheck(run.findings, "table_without_primary_key", "nokey"));
  CHECK_FALSE(findCheck(run.findings, "table_without_primary_key", "t"));
}

TEST_CASE("audit sqlite: drift against the models, with model locations", "[audit]") {
  TempDir d;
  std::string db = d.file("drift.db");
  sqlite(db, R"SQL(
CREATE TABLE users(id INTEGER PRIMARY KEY, email VARCHAR(255), full_name VARCHAR(200), legacy TEXT);
CREATE TABLE user_profiles(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, bio TEXT, phone VARCHAR(20), address VARCHAR(500));
CREATE TABLE audit_log(id INTEGER PRIMARY KEY);
)SQL");
  LoadResult m = loadModels(sourceDir() + "/examples/ecommerce");
  REQUIRE(m.ok());
  auto conn = openConnection("sqlite:///" + db, readOnly());
  AuditRun run = auditDatabase(*conn, &m.model);
  const Finding *fk = findCheck(run.findings, "missing_foreign_key", "user_profiles");
  REQUIRE(fk);
  CHECK(fk->location.line == 18);
  const Finding *uq = nullptr;
  for (const auto &f : run.findings)
    if (f.check == "missing_unique" && f.table == "user_profiles") uq = &f;
  REQUIRE(uq); // the uniqueness that makes User.profile one-to-one
  CHECK(findCheck(run.findings, "missing_unique", "users"));
  CHECK(findCheck(run.findings, "missing_table", "orders"));
  CHECK(findCheck(run.findings, "unexpected_table", "audit_log"));
  const Finding *legacy = findCheck(run.findings, "unexpected_column", "users");
  REQUIRE(legacy);
  CHECK(legacy->columns == std::vector<std::string>{"legacy"});
  // An FK only the models declare still needs its index.
  CHECK(findCheck(run.findings, "unindexed_foreign_key", "user_profiles") != nullptr);
}

TEST_CASE("audit sqlite: redundant_index compares element order and expressions, not only columns",
          "[audit][index_options]") {
  TempDir d;
  std::string db = d.file("r.db");
  sqlite(db, R"SQL(
CREATE TABLE t(id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, c TEXT);
CREATE INDEX ix_ba ON t(b DESC, a);
CREATE INDEX ix_b ON t(b);
CREATE INDEX ix_bd ON t(b DESC);
CREATE INDEX ix_lower ON t(lower(c));
CREATE INDEX ix_c ON t(c);
)SQL");
  auto conn = openConnection("sqlite:///" + db, readOnly());
  AuditRun run = auditDatabase(*conn, nullptr);
  std::vector<std::string> redundant;
  for (const auto &f : run.findings)
    if (f.check == "redundant_index") redundant.push_back(f.message.substr(0, f.message.find(" on ")));
  // (b DESC) is the leading key of (b DESC, a); (b) ascending and the expression index are not.
  CHECK(redundant == std::vector<std::string>{"index ix_bd"});
}
