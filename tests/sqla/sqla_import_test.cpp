// Issue 13: real SQLAlchemy applications fit the model format. Every fixture in
// tests/fixtures/sqla/ is an application's models (NAME.py) with a hand-written twin (NAME.yaml);
// both go through check, plan against create_all(), apply to an empty database and Alembic's
// compare_metadata (compare_type on), and the relationships resolve as SQLAlchemy's own mapper
// resolves them (inspect(Model).relationships). Tested with Debian 12's python3-sqlalchemy 1.4.46
// and python3-alembic 1.8.1.
#include "support.h"
#include "yaml/loader.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>

using namespace tether;
using namespace tether::test;

namespace {

const std::vector<std::string> kFixtures = {
    "pk_unique",      "one_to_one",    "defaults",  "bigint_key", "selfref_m2m", "orm_keys",  "inheritance",
    "joined_base_fk", "index_options", "generated", "checks",     "deferrable",  "sequences", "type_checks"};

// What only one database builds: deferrable UNIQUEs and PostgreSQL's collations; SQLite's collations.
const std::vector<std::string> kPgOnly = {"deferrable_pg"};
const std::vector<std::string> kSqliteOnly = {"collation_sqlite"};

std::vector<std::string> plus(std::vector<std::string> a, const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Applications written in SQLAlchemy 2.0's own style (Mapped[...], mapped_column) run only on 2.0.
const std::vector<std::string> kFixtures2Only = {"typed_shop"};

bool twoOnly(const std::string &name) {
  return std::find(kFixtures2Only.begin(), kFixtures2Only.end(), name) != kFixtures2Only.end();
}

std::string py(const std::string &name) {
  return fixture((twoOnly(name) ? "sqla2/" : "sqla/") + name + ".py");
}

// SQLAlchemy 2.0 and Alembic 1.13 from scripts/fetch-sqlalchemy2.sh, put before the system's 1.4
// for this test process (each ctest entry is its own process) and the tether and python3 it runs.
#define USE_SQLALCHEMY2()                                                                                    \
  do {                                                                                                       \
    const char *site = std::getenv("TETHER_SQLA2_PATH");                                                     \
    if (!site || !*site) {                                                                                   \
      if (std::getenv("CI")) FAIL("TETHER_SQLA2_PATH is not set: scripts/test.sh fetches SQLAlchemy 2.0");   \
      WARN("SQLAlchemy 2.0 not available: export TETHER_SQLA2_PATH=$(bash scripts/fetch-sqlalchemy2.sh)");   \
      return;                                                                                                \
    }                                                                                                        \
    setenv("PYTHONPATH", site, 1);                                                                           \
    REQUIRE(runShell("/usr/bin/python3 -c 'import sqlalchemy, sys; "                                         \
                     "sys.exit(sqlalchemy.__version__[0] != \"2\")'")                                        \
                .exitCode == 0);                                                                             \
  } while (0)

RunResult oracle(const std::string &name, const std::string &action, const std::string &url = "") {
  return runShell("/usr/bin/python3 " + shellQuote(fixture("sqla/sqla_oracle.py")) + " " +
                  shellQuote(py(name)) + " " + action + (url.empty() ? "" : " " + shellQuote(url)));
}

// The model file for a fixture: written by `tether import sqlalchemy`, or the hand-written twin.
std::string modelsFor(const std::string &name, bool imported, const TempDir &dir) {
  if (!imported) return fixture("sqla/" + name + ".yaml");
  std::string out = dir.file(name + ".yaml");
  RunResult r = runTether({"import", "sqlalchemy", py(name) + ":Base", "-o", out});
  INFO(r.out << r.err);
  REQUIRE(r.exitCode == 0);
  return out;
}

// import/hand-written -> check clean -> plan against create_all() says nothing -> apply to an
// empty database -> Alembic sees no difference -> a second plan says nothing.
void roundTrip(const std::string &name, const std::string &models, const std::string &builtByOrm,
               const std::string &appliedByTether) {
  RunResult check = runTether({"check", "--models", models});
  INFO(name << " " << models << "\n" << check.out << check.err);
  REQUIRE(check.exitCode == 0);
  REQUIRE(check.out.find("error:") == std::string::npos);

  RunResult made = oracle(name, "create", builtByOrm);
  INFO(made.out);
  REQUIRE(made.exitCode == 0);
  RunResult plan = runTether({"plan", "--models", models, "--db", builtByOrm, "--exit-code"});
  INFO(plan.out << plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(plan.out.empty());

  RunResult apply = runTether({"apply", "--models", models, "--db", appliedByTether, "--yes"});
  INFO(apply.out << apply.err);
  REQUIRE(apply.exitCode == 0);
  // Alembic sees no difference in what tether built that it does not see in what create_all()
  // built: on PostgreSQL it always asks for a UNIQUE that repeats the primary key, which the
  // server folds away in create_all()'s database too.
  RunResult cmp = oracle(name, "compare", appliedByTether);
  RunResult cmpOrm = oracle(name, "compare", builtByOrm);
  INFO("tether-built:\n" << cmp.out << "create_all()-built:\n" << cmpOrm.out);
  CHECK(cmp.out == cmpOrm.out);
  // Alembic also reports every Identity() as a changed default on SQLite, which has none, in
  // create_all()'s database as much as in tether's (the outputs are equal, checked above).
  const bool alembicNoise =
      name == "pk_unique" || (name == "generated" && builtByOrm.rfind("sqlite", 0) == 0);
  if (!alembicNoise) CHECK(cmp.exitCode == 0);
  RunResult again = runTether({"plan", "--models", models, "--db", appliedByTether, "--exit-code"});
  INFO(again.out << again.err);
  CHECK(again.exitCode == 0);
  CHECK(again.out.empty());
}

std::string fkCols(const Model &m, const std::string &table, int index) {
  const ForeignKey *fk = m.fk(table, index);
  if (!fk) return "?";
  std::vector<std::string> cols = fk->columns;
  std::sort(cols.begin(), cols.end());
  std::string s = table + "(";
  for (size_t i = 0; i < cols.size(); ++i)
    s += (i ? "," : "") + cols[i];
  return s + ")";
}

// tether's resolution in the oracle's spelling: Class.rel KIND table(cols)[ -> table(cols)].
std::string tetherRelationships(const Model &m) {
  std::vector<std::string> lines;
  for (const auto &c : m.classes)
    for (const auto &r : c.relationships) {
      std::string kind = r.kind == RelationKind::ManyToOne    ? "MANYTOONE"
                         : r.kind == RelationKind::ManyToMany ? "MANYTOMANY"
                         : r.kind == RelationKind::Unresolved ? "UNRESOLVED"
                                                              : "ONETOMANY";
      std::string line = c.name + "." + r.name + " " + kind + " " + fkCols(m, r.fkTable, r.fkIndex);
      if (r.kind == RelationKind::ManyToMany)
        line += " -> " + fkCols(m, r.secondaryTargetFkTable, r.secondaryTargetFkIndex);
      lines.push_back(line);
    }
  std::sort(lines.begin(), lines.end());
  std::string s;
  for (const auto &l : lines)
    s += l + "\n";
  return s;
}

void roundTripOnSqlite(const std::string &name, bool imported) {
  TempDir dir;
  std::string models = modelsFor(name, imported, dir);
  roundTrip(name, models, "sqlite:///" + dir.file("orm.db"), "sqlite:///" + dir.file("tether.db"));
}

void roundTripOnPg(const std::string &name, bool imported) {
  TempDir dir;
  std::string models = modelsFor(name, imported, dir);
  PgDatabase orm, applied;
  roundTrip(name, models, orm.url(), applied.url());
}

void relationshipsMatch(const std::string &name, bool imported) {
  TempDir dir;
  LoadResult r = loadModels(modelsFor(name, imported, dir));
  REQUIRE(r.ok());
  RunResult sa = oracle(name, "relationships");
  REQUIRE(sa.exitCode == 0);
  CHECK(tetherRelationships(r.model) == sa.out);
}

std::vector<std::string> fixtures2() {
  std::vector<std::string> all = kFixtures;
  all.insert(all.end(), kFixtures2Only.begin(), kFixtures2Only.end());
  return all;
}

} // namespace

TEST_CASE("sqla: every fixture round-trips on SQLite, imported and hand-written", "[sqla][sqlite]") {
  for (const auto &name : plus(kFixtures, kSqliteOnly))
    for (bool imported : {true, false})
      SECTION(name + (imported ? " imported" : " hand-written")) roundTripOnSqlite(name, imported);
}

TEST_CASE("sqla: every fixture round-trips on PostgreSQL, imported and hand-written", "[sqla][pg]") {
  REQUIRE_PG();
  for (const auto &name : plus(kFixtures, kPgOnly))
    for (bool imported : {true, false})
      SECTION(name + (imported ? " imported" : " hand-written")) roundTripOnPg(name, imported);
}

TEST_CASE("sqla: relationships resolve as SQLAlchemy's mapper resolves them", "[sqla]") {
  for (const auto &name : plus(plus(kFixtures, kPgOnly), kSqliteOnly))
    for (bool imported : {true, false})
      SECTION(name + (imported ? " imported" : " hand-written")) relationshipsMatch(name, imported);
}

// Under SQLAlchemy 2.0 the imports (the hand-written twins do not depend on the version) and the
// applications written in 2.0's own style.
TEST_CASE("sqla 2.0: every fixture and a 2.0-style app round-trip on SQLite, imported", "[sqla][sqlite]") {
  USE_SQLALCHEMY2();
  for (const auto &name : plus(fixtures2(), kSqliteOnly))
    SECTION(name) roundTripOnSqlite(name, true);
}

TEST_CASE("sqla 2.0: every fixture and a 2.0-style app round-trip on PostgreSQL, imported", "[sqla][pg]") {
  REQUIRE_PG();
  USE_SQLALCHEMY2();
  for (const auto &name : plus(fixtures2(), kPgOnly))
    SECTION(name) roundTripOnPg(name, true);
}

TEST_CASE("sqla 2.0: relationships resolve as SQLAlchemy 2.0's mapper resolves them", "[sqla]") {
  USE_SQLALCHEMY2();
  for (const auto &name : fixtures2())
    SECTION(name) relationshipsMatch(name, true);
}

TEST_CASE("sqla: a UNIQUE on the primary key is folded away, noted by check", "[sqla][sqlite]") {
  TempDir dir;
  std::string models = fixture("sqla/pk_unique.yaml");
  RunResult check = runTether({"check", "--models", models});
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("info: unique (name) of members repeats the primary key") != std::string::npos);
  std::string db = "sqlite:///" + dir.file("t.db");
  REQUIRE(runTether({"apply", "--models", models, "--db", db, "--yes"}).exitCode == 0);
  RunResult plan = runTether({"plan", "--models", models, "--db", db, "--exit-code"});
  INFO(plan.out << plan.err);
  CHECK(plan.exitCode == 0);
  CHECK(plan.out.empty());
}

TEST_CASE("sqla: uselist false without a unique key warns, and blocks only with --strict", "[sqla][sqlite]") {
  TempDir dir;
  std::string models = fixture("sqla/one_to_one.yaml");
  std::string db = "sqlite:///" + dir.file("t.db");
  RunResult check = runTether({"check", "--models", models});
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("warning: relationship Account.settings is one-to-one") != std::string::npos);
  CHECK(runTether({"check", "--models", models, "--strict"}).exitCode == 1);
  RunResult strict = runTether({"plan", "--models", models, "--db", db, "--strict"});
  CHECK(strict.exitCode == 2);
  CHECK(strict.err.find("warnings (--strict)") != std::string::npos);
  CHECK(runTether({"apply", "--models", models, "--db", db, "--yes", "--strict"}).exitCode == 2);
  REQUIRE(runTether({"apply", "--models", models, "--db", db, "--yes"}).exitCode == 0);
  // The audit reports the missing uniqueness against the live database.
  RunResult audit = runTether({"audit", "--models", models, "--db", db});
  INFO(audit.out << audit.err);
  CHECK(audit.out.find("missing_unique") != std::string::npos);
  CHECK(runTether({"audit", "--models", models, "--db", db, "--strict"}).exitCode == 2);
}

TEST_CASE("sqla: version 1 default: stays a server default, with a warning naming server_default:",
          "[sqla][sqlite]") {
  TempDir dir;
  dir.write("v1.yaml",
            "models:\n  P:\n    table: p\n    columns:\n      id: {type: Integer, primary_key: true}\n"
            "      n: {type: Integer, default: 7}\n");
  dir.write("v2.yaml",
            "version: 2\nmodels:\n  P:\n    table: p\n    columns:\n"
            "      id: {type: Integer, primary_key: true}\n      n: {type: Integer, default: 7}\n");
  RunResult check = runTether({"check", "--models", dir.file("v1.yaml")});
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("write server_default:") != std::string::npos);
  RunResult v1 =
      runTether({"plan", "--models", dir.file("v1.yaml"), "--db", "sqlite:///" + dir.file("a.db")});
  CHECK(v1.out.find("DEFAULT 7") != std::string::npos);
  RunResult v2 =
      runTether({"plan", "--models", dir.file("v2.yaml"), "--db", "sqlite:///" + dir.file("b.db")});
  CHECK(v2.exitCode == 0);
  CHECK(v2.out.find("DEFAULT") == std::string::npos);
  CHECK(runTether({"check", "--models", dir.file("v2.yaml"), "--strict"}).exitCode == 0);
}

TEST_CASE("sqla: a BigInteger key is BIGINT on SQLite, its Integer variant the rowid", "[sqla][sqlite]") {
  TempDir dir;
  RunResult plan = runTether(
      {"plan", "--models", fixture("sqla/bigint_key.yaml"), "--db", "sqlite:///" + dir.file("n.db")});
  INFO(plan.out << plan.err);
  CHECK(plan.out.find("\"id\" BIGINT NOT NULL") != std::string::npos);
  CHECK(plan.out.find("\"id\" INTEGER NOT NULL") != std::string::npos);
}

TEST_CASE("sqla: an import that meets an unsupported construct names it and its line", "[sqla]") {
  RunResult r = runTether({"import", "sqlalchemy", py("unsupported") + ":Base"});
  CHECK(r.exitCode == 2);
  CHECK(r.err.find("unsupported.py:11: error: unsupported: column type Interval") != std::string::npos);
  CHECK(r.err.find("write it by hand") != std::string::npos);
  RunResult missing = runTether({"import", "sqlalchemy", py("unsupported") + ":NoSuchBase"});
  CHECK(missing.exitCode == 2);
  CHECK(missing.err.find("no attribute 'NoSuchBase'") != std::string::npos);
}

TEST_CASE("sqla: with_variant() types are read, and a bad one is an error at its line", "[sqla][model]") {
  auto ok = loadModelsFromString("version: 2\nmodels:\n  A:\n    table: a\n    columns:\n"
                                 "      id: {type: 'BigInteger().with_variant(Integer, \"sqlite\")', "
                                 "primary_key: true}\n",
                                 "m.yaml");
  REQUIRE(ok.ok());
  const Column *id = ok.model.schema.table("a")->column("id");
  CHECK(id->autoincrement);
  CHECK(id->type.kind == TypeKind::BigInteger);
  CHECK(id->type.forDialect("sqlite").kind == TypeKind::Integer);
  CHECK(id->type.forDialect("postgresql").kind == TypeKind::BigInteger);
  for (std::string bad :
       {"'BigInteger().with_variant(Integer, \"oracle\")'", "'BigInteger().with_variant(Integer)'",
        "'BigInteger().with_variant(Nope, \"sqlite\")'"}) {
    auto r = loadModelsFromString("models:\n  A:\n    table: a\n    columns:\n      id: {type: " + bad +
                                      ", primary_key: true}\n",
                                  "m.yaml");
    INFO(bad);
    CHECK(r.diags.hasErrors());
    REQUIRE(!r.diags.all().empty());
    CHECK(r.diags.all()[0].where.line == 5);
  }
}

TEST_CASE("sqla: foreign_keys naming one association column picks that side", "[sqla][model]") {
  auto r = loadModelsFromString(R"YAML(models:
  Issue:
    table: issues
    columns:
      id: {type: Integer, primary_key: true}
    relationships:
      children: {model: Issue, secondary: issue_links, foreign_keys: [issue_links.parent_id]}
tables:
  issue_links:
    columns:
      parent_id: {type: Integer, foreign_key: issues.id, primary_key: true}
      child_id: {type: Integer, foreign_key: issues.id, primary_key: true}
)YAML",
                                "m.yaml");
  INFO((r.diags.all().empty() ? std::string() : r.diags.all()[0].message));
  REQUIRE(r.ok());
  const Relationship &rel = r.model.classes[0].relationships[0];
  CHECK(rel.kind == RelationKind::ManyToMany);
  CHECK(r.model.fk(rel.fkTable, rel.fkIndex)->columns[0] == "parent_id");
  CHECK(r.model.fk(rel.secondaryTargetFkTable, rel.secondaryTargetFkIndex)->columns[0] == "child_id");
}

TEST_CASE("sqla: Index(func.lower(x).desc(), postgresql_using, postgresql_ops, postgresql_include) "
          "imports as index options",
          "[sqla][index_options]") {
  RunResult r = runTether({"import", "sqlalchemy", fixture("sqla/index_expressions.py") + ":Base"});
  INFO(r.out + r.err);
  REQUIRE(r.exitCode == 0);
  CHECK(r.out.find("{columns: [{expression: \"lower(title)\", order: desc}], name: ix_docs_title_lower}") !=
        std::string::npos);
  CHECK(r.out.find("{columns: [{column: tags, opclass: jsonb_path_ops}], name: ix_docs_tags, using: gin}") !=
        std::string::npos);
  CHECK(r.out.find("{columns: [title], name: ix_docs_title_cover, include: [body]}") != std::string::npos);
  CHECK(r.out.find("{expression: \"to_tsvector('english', body)\"}") != std::string::npos);
  TempDir dir;
  dir.write("m.yaml", r.out);
  RunResult check = runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "postgresql"});
  INFO(check.out);
  CHECK(check.exitCode == 0);
}

// Issue 13 item 9: the app's first insert failed (relation "ab_permission_id_seq" does not exist).
TEST_CASE("sqla: an app using Sequence inserts through its ORM into the database tether built",
          "[sqla][pg]") {
  REQUIRE_PG();
  for (bool imported : {true, false}) {
    TempDir dir;
    PgDatabase db;
    const std::string models = modelsFor("sequences", imported, dir);
    RunResult apply = runTether({"apply", "--models", models, "--db", db.url(), "--yes"});
    INFO(apply.out << apply.err);
    REQUIRE(apply.exitCode == 0);
    RunResult app = runShell("/usr/bin/python3 " + shellQuote(fixture("sqla/sequences_app.py")) + " " +
                             shellQuote(db.url()));
    INFO(app.out << app.err);
    CHECK(app.exitCode == 0);
    CHECK(app.out == "1 1000 1 2\n");
  }
}

// The CHECK a type brings is not only planned: it keeps the column to its values, as the CHECK
// create_all() builds does.
TEST_CASE("sqla: a create_constraint type's CHECK refuses a value outside it, where create_all() builds one",
          "[sqla][sqlite][pg]") {
  const std::string models = fixture("sqla/type_checks.yaml");
  const std::string cols = "INSERT INTO tickets (id, open, urgent, state, kind, source, \"order\") VALUES ";
  // Each row breaks one CHECK; the last breaks none.
  const std::vector<std::string> bad = {
      "(1, 2, 1, 'new', 'bug', 'web', 1)", "(2, 1, 5, 'new', 'bug', 'web', 1)",
      "(3, 1, 1, 'gone', 'bug', 'web', 1)", "(4, 1, 1, 'new', 'epic', 'web', 1)",
      "(5, 1, 1, 'new', 'bug', 'web', 7)"};
  const std::string good = "(6, 1, 0, 'done', 'feature', 'carrier pigeon', 0)";
  TempDir dir;
  const std::string file = dir.file("t.db");
  REQUIRE(runTether({"apply", "--models", models, "--db", "sqlite:///" + file, "--yes"}).exitCode == 0);
  for (const auto &row : bad) {
    RunResult r = runShell("sqlite3 " + shellQuote(file) + " " + shellQuote(cols + row));
    INFO(row << ": " << r.out);
    CHECK(r.exitCode != 0);
    CHECK(r.out.find("CHECK constraint failed") != std::string::npos);
  }
  RunResult ok = runShell("sqlite3 " + shellQuote(file) + " " + shellQuote(cols + good));
  INFO(ok.out);
  CHECK(ok.exitCode == 0);

  REQUIRE_PG();
  PgDatabase db;
  REQUIRE(runTether({"apply", "--models", models, "--db", db.url(), "--yes"}).exitCode == 0);
  auto psql = [&](const std::string &sql) {
    return runShell("psql -v ON_ERROR_STOP=1 -q " + shellQuote(db.url()) + " -c " + shellQuote(sql));
  };
  // Native types: PostgreSQL refuses the value by type, and a non-native Enum by its CHECK.
  RunResult kind = psql(cols + "(1, true, true, 'new', 'epic', 'web', true)");
  INFO(kind.out);
  CHECK(kind.exitCode != 0);
  CHECK(kind.out.find("violates check constraint \"ticket_kind\"") != std::string::npos);
  RunResult pgOk = psql(cols + "(2, true, false, 'done', 'feature', 'carrier pigeon', false)");
  INFO(pgOk.out);
  CHECK(pgOk.exitCode == 0);
  RunResult types = psql("SELECT count(*) FROM pg_type WHERE typname IN ('ticket_state', 'ticket_kind')");
  CHECK(types.out.find(" 1\n") != std::string::npos); // ticket_state only: ticket_kind is text
}
