// The offline replay of PostgreSQL migrations (libpg_query, no database): what it builds, what it
// refuses to guess, and where it says so. The oracle against a real server is
// pg_ddl_replay_oracle_test.cpp.
#include "core/error.h"
#include "dialect/postgres/pg_ddl_replay.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether;
using namespace tether::test;

namespace {
Schema replay(const std::vector<std::string> &files, bool transactional = true) {
  std::vector<ReplayFile> in;
  for (size_t i = 0; i < files.size(); ++i)
    in.push_back(ReplayFile{"m/000" + std::to_string(i + 1) + "_v.up.sql", files[i], transactional});
  return pg::replayDdl(in);
}

// The Error a replay throws, or a failed check when it throws none.
Error failure(const std::vector<std::string> &files, bool transactional = true) {
  try {
    replay(files, transactional);
  } catch (const Error &e) {
    return e;
  }
  FAIL("the replay threw no Error");
  return Error("");
}
} // namespace

TEST_CASE("pg ddl replay: generated CREATE TABLE reads back as introspection would", "[pg_replay]") {
  Schema s = replay({readFile(sourceDir() + "/migrations/postgresql/0001_initial.up.sql"),
                     readFile(sourceDir() + "/migrations/postgresql/0002_user_profiles.up.sql")});
  const Table *users = s.table("users");
  REQUIRE(users);
  CHECK(users->primaryKeyName == "users_pkey");
  CHECK(users->primaryKey == std::vector<std::string>{"id"});
  REQUIRE(users->column("id"));
  CHECK(users->column("id")->autoincrement); // serial
  CHECK_FALSE(users->column("id")->nullable);
  CHECK_FALSE(users->column("id")->defaultValue.present()); // nextval() is how serial is spelled
  CHECK(users->column("email")->dbType == "character varying(255)");
  REQUIRE(users->uniques.size() == 1);
  CHECK(users->uniques[0].name == "users_email_key");
  const Table *items = s.table("order_items");
  REQUIRE(items);
  REQUIRE(items->foreignKeys.size() == 2);
  CHECK(items->foreignKeys[0].name == "order_items_order_id_fkey");
  CHECK(items->foreignKeys[0].refColumns == std::vector<std::string>{"id"});
  CHECK(items->column("unit_price")->dbType == "numeric(10,2)");
  CHECK(s.table("orders")->indexes.size() == 1);
  CHECK(s.table("user_profiles")->uniques[0].name == "user_profiles_user_id_key");
}

TEST_CASE("pg ddl replay: ALTER sequences, renames, NOT VALID then VALIDATE, enums", "[pg_replay]") {
  Schema s =
      replay({"CREATE TYPE mood AS ENUM ('sad', 'happy');\n"
              "CREATE TABLE a (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n int DEFAULT -1,\n"
              "  m mood NOT NULL DEFAULT 'sad', t timestamptz DEFAULT now());\n"
              "CREATE TABLE b (id int PRIMARY KEY, a_id bigint);\n",
              "ALTER TABLE b ADD CONSTRAINT b_a FOREIGN KEY (a_id) REFERENCES a NOT VALID;\n"
              "UPDATE b SET a_id = NULL;\n"
              "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'happy';\n"
              "ALTER TABLE a RENAME TO alpha;\nALTER TABLE alpha RENAME COLUMN id TO alpha_id;\n"
              "ALTER TABLE alpha ALTER COLUMN n TYPE bigint, ALTER COLUMN n SET NOT NULL;\n"
              "COMMENT ON COLUMN alpha.n IS 'count';\n",
              "ALTER TABLE b VALIDATE CONSTRAINT b_a;\nALTER TABLE b RENAME CONSTRAINT b_a TO b_alpha;\n"});
  const Table *alpha = s.table("alpha");
  REQUIRE(alpha);
  CHECK(alpha->primaryKey == std::vector<std::string>{"alpha_id"});
  CHECK(alpha->primaryKeyName == "a_pkey"); // a rename keeps the constraint's name
  CHECK(alpha->column("alpha_id")->autoincrement);
  CHECK(alpha->column("n")->dbType == "bigint");
  CHECK_FALSE(alpha->column("n")->nullable);
  CHECK(alpha->column("n")->defaultValue.value == "-1"); // libpg_query's JSON loses the sign
  CHECK(alpha->column("n")->comment == "count");
  CHECK(alpha->column("m")->type.enumValues == std::vector<std::string>{"sad", "meh", "happy"});
  const Table *b = s.table("b");
  REQUIRE(b->foreignKeys.size() == 1);
  CHECK(b->foreignKeys[0].name == "b_alpha");
  CHECK(b->foreignKeys[0].refTable == "alpha");
  CHECK(b->foreignKeys[0].refColumns == std::vector<std::string>{"alpha_id"});
  CHECK_FALSE(b->foreignKeys[0].notValid);
  CHECK(replay({"CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (x int);\n"
                "ALTER TABLE b ADD FOREIGN KEY (x) REFERENCES a NOT VALID;\n"})
            .table("b")
            ->foreignKeys[0]
            .notValid);
}

TEST_CASE("pg ddl replay: unmanaged objects land as introspection lists them", "[pg_replay]") {
  Schema s = replay({readFile(fixture("realdb/pg_unmanaged.sql"))});
  for (auto [kind, name] : std::vector<std::pair<std::string, std::string>>{
           {"extension", "btree_gist"},
           {"domain", "us_postal_code"},
           {"sequence", "invoice_numbers"},
           {"index", "customers_email_c"},
           {"exclude_constraint", "bookings_room_id_during_excl"},
           {"partition", "events_2024"},
           {"function", "touch_customer()"},
           {"trigger", "customers_touch"},
           {"view", "live_customers"},
           {"materialized_view", "customer_counts"}}) {
    INFO(kind << " " << name);
    CHECK(s.unmanagedObject(kind, name));
  }
  CHECK(s.table("events")->partitionBy == "RANGE (created_at)");
  CHECK_FALSE(s.table("events_2024"));
  // A valid CHECK is modelled, as introspection models it.
  CHECK_FALSE(s.unmanagedObject("check_constraint", "email_has_at"));
  const auto &checks = s.table("customers")->checks;
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].name == "email_has_at");
  CHECK(checks[0].sql == "position('@' in email) > 1");
}

TEST_CASE("pg ddl replay: what it cannot model exactly is an error naming file:line, never a guess",
          "[pg_replay]") {
  Error doBlock = failure({"CREATE TABLE t (id int);\n\nDO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$;\n"});
  CHECK(doBlock.kind() == ErrorKind::Unsupported);
  CHECK(doBlock.where().str() == "m/0001_v.up.sql:3:1");
  CHECK(std::string(doBlock.what()).find("DO") != std::string::npos);
  CHECK(doBlock.hint().find("--dev-db") != std::string::npos);
  Error ddlInDo =
      failure({"CREATE TABLE t (id int);\nDO $$ BEGIN ALTER TABLE t ADD COLUMN x int; END $$;\n"});
  CHECK(ddlInDo.kind() == ErrorKind::Unsupported);
  CHECK(ddlInDo.where().line == 2);
  // A DO block that only touches rows changes no schema.
  CHECK(replay({"CREATE TABLE t (id int);\nDO $$ BEGIN UPDATE t SET id = 1 WHERE id IS NULL; END $$;\n"})
            .table("t"));
  CHECK(failure({"CREATE TABLE t (at timestamptz DEFAULT now() + interval '1 day');"}).kind() ==
        ErrorKind::Unsupported);
  CHECK(failure({"CREATE TABLE t (d timestamp DEFAULT '2024-01-01');"}).kind() == ErrorKind::Unsupported);
  CHECK(failure({"SET search_path TO app;\nCREATE TABLE t (id int);"}).kind() == ErrorKind::Unsupported);
  CHECK(failure({"CREATE TABLE t AS SELECT 1 AS x;"}).kind() == ErrorKind::Unsupported);
  CHECK(failure({"CREATE FUNCTION mk() RETURNS void LANGUAGE sql AS 'CREATE TABLE z (i int)';\nSELECT mk();"})
            .where()
            .line == 2);
  // Statements with no schema meaning are skipped.
  CHECK(replay({"SET lock_timeout = '5s';\nCREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nANALYZE t;\n"
                "GRANT SELECT ON t TO PUBLIC;\n"})
            .tables.size() == 1);
}

TEST_CASE("pg ddl replay: malformed SQL and statements PostgreSQL rejects are errors with a position",
          "[pg_replay]") {
  Error syntax = failure({"CREATE TABLE ok (id int);\nCREATE TABLE bad (id int,, x int);\n"});
  CHECK(syntax.kind() == ErrorKind::Syntax);
  CHECK(syntax.where().line == 2);
  CHECK(syntax.where().column == 26);
  Error missing = failure({"CREATE TABLE a (id int);", "ALTER TABLE b ADD COLUMN x int;"});
  CHECK(missing.kind() == ErrorKind::Database);
  CHECK(missing.where().file == "m/0002_v.up.sql");
  CHECK(std::string(missing.what()).find("\"b\" does not exist") != std::string::npos);
  Error concurrently = failure({"CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY ix ON a (id);"});
  CHECK(concurrently.kind() == ErrorKind::Database);
  CHECK(std::string(concurrently.what()).find("transaction block") != std::string::npos);
  CHECK(
      replay({"-- tether:no-transaction\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY ix ON a (id);"},
             false)
          .table("a")
          ->indexes.size() == 1);
  CHECK(failure({"COMMIT;"}).kind() == ErrorKind::Database);
  CHECK(failure({std::string(2000, '(')}).kind() == ErrorKind::Syntax);
}

TEST_CASE("pg ddl replay: mangled migrations end in a schema or an Error with a position, never a crash",
          "[pg_replay]") {
  // The fuzz target's property (fuzz/ddl_replay_fuzz.cpp), on its seeds cut and mutated.
  std::vector<std::string> seeds;
  for (const char *f :
       {"/fuzz/seeds/ddl_replay/alter.sql", "/fuzz/seeds/ddl_replay/generated.sql",
        "/fuzz/seeds/ddl_replay/unmanaged.sql", "/tests/fixtures/postgres/create_hostile.sql"})
    seeds.push_back(readFile(sourceDir() + f));
  unsigned state = 12345;
  auto next = [&]() { return state = state * 1103515245u + 12345u; };
  size_t schemas = 0, errors = 0;
  for (int round = 0; round < 400; ++round) {
    std::string sql = seeds[next() % seeds.size()];
    int edits = 1 + static_cast<int>(next() % 4);
    for (int e = 0; e < edits && !sql.empty(); ++e) {
      size_t at = next() % sql.size();
      switch (next() % 4) {
      case 0:
        sql.erase(at, 1 + next() % 12);
        break;
      case 1:
        sql.insert(at, 1, static_cast<char>(next() % 256));
        break;
      case 2:
        sql = sql.substr(0, at);
        break;
      default:
        sql.insert(at, sql.substr(next() % sql.size(), 1 + next() % 40));
      }
    }
    for (bool transactional : {true, false}) {
      try {
        replay({sql, sql}, transactional);
        ++schemas;
      } catch (const Error &e) {
        ++errors;
        INFO(sql);
        CHECK(e.where().file.find("m/000") == 0);
        CHECK(e.where().line >= 1);
      }
    }
  }
  CHECK(schemas + errors == 800);
  CHECK(errors > 0);
}

TEST_CASE(
    "pg ddl replay: a nextval() default on a free-standing sequence is modelled as introspection reads it",
    "[pg_replay][sequences]") {
  Schema s = replay({"CREATE SEQUENCE doc_seq START WITH 100 INCREMENT BY 5;\n"
                     "CREATE SEQUENCE wide_seq CACHE 20;\n"
                     "CREATE SEQUENCE spare_seq;\n"
                     "CREATE TABLE bills (id serial PRIMARY KEY, n bigint DEFAULT nextval('doc_seq'),\n"
                     "  w bigint DEFAULT nextval('wide_seq'));"});
  const Table *t = s.table("bills");
  REQUIRE(t);
  const Column *id = t->column("id"), *n = t->column("n"), *w = t->column("w");
  CHECK(id->autoincrement);
  CHECK_FALSE(id->sequence.present());
  CHECK_FALSE(n->autoincrement);
  CHECK(n->sequence.name == "doc_seq");
  CHECK(n->sequence.start == 100);
  CHECK(n->sequence.increment == 5);
  CHECK(n->defaultValue.value == "nextval('doc_seq'::regclass)");
  // Options a model cannot state: the default stays, the sequence unmanaged.
  CHECK_FALSE(w->autoincrement);
  CHECK_FALSE(w->sequence.present());
  CHECK(w->defaultValue.value == "nextval('wide_seq'::regclass)");
  CHECK(s.unmanagedObject("sequence", "wide_seq"));
  CHECK(s.unmanagedObject("sequence", "spare_seq"));
  CHECK_FALSE(s.unmanagedObject("sequence", "doc_seq"));

  // An ALTER SEQUENCE the replay does not follow, then a column drawing from it: refused, not guessed.
  CHECK(failure({"CREATE SEQUENCE s;\nALTER SEQUENCE s INCREMENT BY 3;\n"
                 "CREATE TABLE t (id bigint DEFAULT nextval('s'));"})
            .kind() == ErrorKind::Unsupported);
  CHECK(failure({"CREATE SEQUENCE s;\nALTER SEQUENCE s RENAME TO s2;\n"
                 "CREATE TABLE t (id bigint DEFAULT nextval('s2'));"})
            .kind() == ErrorKind::Unsupported);
}

TEST_CASE("pg ddl replay: a partition's own constraints, indexes and triggers are listed as introspection "
          "lists them",
          "[pg_replay]") {
  const std::string base =
      "CREATE TABLE r (code text PRIMARY KEY);\n"
      "CREATE TABLE m (id int NOT NULL, day date NOT NULL, code text) PARTITION BY RANGE (day);\n"
      "CREATE TABLE m_1 PARTITION OF m FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
      "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n";
  Schema s =
      replay({base + "ALTER TABLE m_1 ADD CONSTRAINT m_1_code_fkey FOREIGN KEY (code) REFERENCES r (code),\n"
                     "  ADD CONSTRAINT m_1_id_check CHECK (id > 0), ADD CONSTRAINT m_1_id_key UNIQUE (id);\n"
                     "CREATE INDEX m_1_code_idx ON m_1 (code);\n"
                     "CREATE TRIGGER m_1_t BEFORE INSERT ON m_1 FOR EACH ROW EXECUTE FUNCTION f();\n"
                     "ALTER TABLE m_1 DROP CONSTRAINT m_1_id_check;\n"});
  for (const auto &[kind, name] :
       std::vector<std::pair<std::string, std::string>>{{"foreign_key", "m_1_code_fkey"},
                                                        {"unique_constraint", "m_1_id_key"},
                                                        {"index", "m_1_code_idx"},
                                                        {"trigger", "m_1_t"}}) {
    INFO(kind << " " << name);
    REQUIRE(s.unmanagedObject(kind, name));
    CHECK(s.unmanagedObject(kind, name)->table == "m_1");
  }
  CHECK_FALSE(s.unmanagedObject("check_constraint", "m_1_id_check"));
  // Dropping the partition takes what it declared along.
  Schema dropped = replay({base + "CREATE INDEX m_1_code_idx ON m_1 (code);\nDROP TABLE m_1;\n"});
  CHECK_FALSE(dropped.unmanagedObject("index", "m_1_code_idx"));
  // What PostgreSQL would name or attach by rules the replay does not guess is refused.
  CHECK(failure({base + "ALTER TABLE m_1 ADD CHECK (id > 0);"}).kind() == ErrorKind::Unsupported);
  CHECK(failure({base + "CREATE INDEX m_1_code_idx ON m_1 (code);\nCREATE INDEX ON m (code);"}).kind() ==
        ErrorKind::Unsupported);
  CHECK(
      failure(
          {"CREATE TABLE m (id int, day date) PARTITION BY RANGE (day);\n"
           "CREATE TABLE m_1 PARTITION OF m (CONSTRAINT c CHECK (id > 0)) FOR VALUES FROM ('2025-01-01') TO "
           "('2026-01-01');"})
          .kind() == ErrorKind::Unsupported);
}
