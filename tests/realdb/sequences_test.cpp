// Named sequences (SQLAlchemy's Sequence) written by hand as DBAs write them: inspect models them,
// the model round-trips (check, plan with nothing to do, apply to an empty database, the same
// catalog), and changes to them plan and apply as the message says.
#include "postgres/pg_test_util.h"
#include "realdb/realdb_support.h"
#include "support.h"
#include <catch2/catch.hpp>

using namespace tether::test;

namespace {
const char *const kModel =
    "version: 2\n"
    "models:\n"
    "  Order:\n"
    "    table: orders\n"
    "    columns:\n"
    "      id: {type: Integer, primary_key: true, sequence: order_id_seq}\n"
    "      number: {type: Integer, sequence: {name: doc_seq, start: 100, increment: 5}}\n"
    "  Refund:\n"
    "    table: refunds\n"
    "    columns:\n"
    "      id: {type: Integer, primary_key: true}\n"
    "      number: {type: Integer, sequence: {name: doc_seq, start: 100, increment: 5}}\n";
} // namespace

TEST_CASE("sequences postgres: a DBA's sequences and nextval defaults round-trip through inspect, plan "
          "and apply",
          "[realdb][realdb-pg][sequences]") {
  REQUIRE_PG();
  PgDatabase live, fresh;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  loadPgSql(live.url(), fixture("realdb/pg_sequences.sql"));

  const std::string text = inspectInto(live.url(), model);
  INFO(text);
  CHECK(has(text, "sequence: {name: order_number_seq, start: 1000, increment: 5}"));
  CHECK(has(text, "server_default: {sql: \"nextval('order_number_seq'::regclass)\"}"));
  CHECK(has(text, "sequence: shared_ref_seq"));
  // The serial stays a serial; what the model cannot state stays unmanaged, its default kept.
  CHECK(has(text, "id: {type: Integer, primary_key: true}"));
  CHECK(has(text, "nextval('legacy_counter_seq'::regclass)"));
  CHECK_FALSE(has(text, "sequence: legacy_counter_seq"));
  CHECK(has(text, "name: \"legacy_counter_seq\""));
  CHECK(has(text, "name: \"spare_seq\""));

  CHECK(expectRoundTrip(model, text, live.url(), fresh.url()).empty());
  CHECK(pgSchemaDump(fresh.url()) == pgSchemaDump(live.url()));

  // Rows number as the DBA's defaults say: one sequence shared by two tables.
  psql(fresh, "INSERT INTO orders DEFAULT VALUES");
  psql(fresh, "INSERT INTO orders DEFAULT VALUES");
  psql(fresh, "INSERT INTO returns (order_id) VALUES (1)");
  CHECK(psqlValue(fresh,
                  "SELECT string_agg(order_number::text || '/' || ref::text, ',' ORDER BY id) FROM orders") ==
        "1000/1,1005/2");
  CHECK(psqlValue(fresh, "SELECT id FROM returns") == "3");
}

TEST_CASE("sequences postgres: named sequences are created, altered and dropped as the model says",
          "[realdb][realdb-pg][sequences]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir dir;
  const std::string model = dir.file("m.yaml");
  dir.write("m.yaml", kModel);
  RunResult plan = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(plan.out + plan.err);
  REQUIRE(plan.exitCode == 0);
  // As create_all() makes them: before the tables, owned by no column, the columns without a default.
  const auto seqAt = plan.out.find("CREATE SEQUENCE \"doc_seq\" INCREMENT BY 5 START WITH 100");
  CHECK(seqAt != std::string::npos);
  CHECK(has(plan.out, "CREATE SEQUENCE \"order_id_seq\""));
  CHECK(seqAt < plan.out.find("CREATE TABLE"));
  CHECK(plan.out.find("CREATE SEQUENCE \"doc_seq\"") == plan.out.rfind("CREATE SEQUENCE \"doc_seq\""));
  CHECK_FALSE(has(plan.out, "OWNED BY"));
  CHECK_FALSE(has(plan.out, "SERIAL"));
  CHECK_FALSE(has(plan.out, "DEFAULT"));
  REQUIRE(runTether({"apply", "--models", model, "--db", db.url(), "--yes"}).exitCode == 0);
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
  CHECK(psqlValue(db, "SELECT seqstart || '/' || seqincrement FROM pg_sequence WHERE seqrelid = "
                      "'doc_seq'::regclass") == "100/5");
  CHECK(psqlValue(db, "SELECT count(*) FROM pg_depend WHERE objid = 'doc_seq'::regclass AND deptype = 'a'") ==
        "0");

  // New options: ALTER SEQUENCE, numbers already handed out stay handed out.
  psql(db, "SELECT nextval('doc_seq')");
  std::string text = kModel;
  replaceOnce(text, "{name: doc_seq, start: 100, increment: 5}", "{name: doc_seq, start: 100, increment: 7}");
  replaceOnce(text, "{name: doc_seq, start: 100, increment: 5}", "{name: doc_seq, start: 100, increment: 7}");
  // A sequence added to an existing column, with the DBA's nextval default.
  replaceOnce(text, "      id: {type: Integer, primary_key: true}\n",
              "      id: {type: Integer, primary_key: true, sequence: refund_id_seq,\n"
              "           server_default: {sql: \"nextval('refund_id_seq'::regclass)\"}}\n");
  dir.write("m.yaml", text);
  RunResult change = runTether({"apply", "--models", model, "--db", db.url(), "--yes"});
  INFO(change.out + change.err);
  REQUIRE(change.exitCode == 0);
  CHECK(has(change.out, "ALTER SEQUENCE \"doc_seq\" INCREMENT BY 7"));
  CHECK(has(change.out, "CREATE SEQUENCE \"refund_id_seq\""));
  CHECK(change.out.find("CREATE SEQUENCE \"refund_id_seq\"") < change.out.find("SET DEFAULT nextval"));
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
  CHECK(psqlValue(db, "SELECT nextval('doc_seq')") == "107");
  psql(db, "INSERT INTO refunds (number) VALUES (1)");
  CHECK(psqlValue(db, "SELECT id FROM refunds") == "1");

  // The model stops naming the sequence a column default calls: the default goes, and the sequence
  // with it only with --allow-destructive.
  replaceOnce(
      text,
      ", sequence: refund_id_seq,\n           server_default: {sql: \"nextval('refund_id_seq'::regclass)\"}}",
      "}");
  dir.write("m.yaml", text);
  RunResult safe = runTether({"plan", "--models", model, "--db", db.url()});
  INFO(safe.out + safe.err);
  REQUIRE(safe.exitCode == 0);
  CHECK(has(safe.out, "DROP DEFAULT"));
  CHECK_FALSE(has(safe.out, "DROP SEQUENCE"));
  CHECK(has(safe.out + safe.err, "drop sequence refund_id_seq"));
  RunResult drop = runTether({"apply", "--models", model, "--db", db.url(), "--yes", "--allow-destructive"});
  INFO(drop.out + drop.err);
  REQUIRE(drop.exitCode == 0);
  CHECK(has(drop.out, "DROP SEQUENCE \"refund_id_seq\""));
  CHECK(psqlValue(db, "SELECT count(*) FROM pg_class WHERE relname = 'refund_id_seq'") == "0");
  CHECK(runTether({"plan", "--models", model, "--db", db.url(), "--exit-code"}).exitCode == 0);
}

TEST_CASE("sequences: the loader reads sequence: and refuses what the database would", "[model][sequences]") {
  TempDir dir;
  dir.write("bad.yaml", "models:\n"
                        "  Item:\n"
                        "    table: items\n"
                        "    columns:\n"
                        "      id: {type: Integer, primary_key: true}\n"
                        "      code: {type: String(10), sequence: code_seq}\n"
                        "      a: {type: Integer, identity: true, sequence: a_seq}\n"
                        "      b: {type: Integer, sequence: {start: 5}}\n"
                        "      c: {type: Integer, sequence: {name: c_seq, increment: 0}}\n"
                        "      d: {type: Integer, sequence: [x]}\n"
                        "      e: {type: Integer, sequence: {name: e_seq, step: 2}}\n"
                        "      f: {type: Integer, sequence: {name: f_seq, start: 10}}\n"
                        "      g: {type: Integer, sequence: {name: f_seq, start: 20}}\n"
                        "      h: {type: Integer, computed: \"a + 1\", sequence: h_seq}\n");
  RunResult r = runTether({"check", "--models", dir.file("bad.yaml")});
  const std::string out = r.out + r.err;
  INFO(out);
  CHECK(r.exitCode != 0);
  CHECK(has(out, "bad.yaml:6:32"));
  CHECK(has(out, "column items.code draws from a sequence and needs an integer type"));
  CHECK(has(out, "bad.yaml:7:42"));
  CHECK(has(out, "cannot have both a sequence and an identity"));
  CHECK(has(out, "bad.yaml:8:26"));
  CHECK(has(out, "needs name:"));
  CHECK(has(out, "cannot be zero"));
  CHECK(has(out, "bad.yaml:10:36"));
  CHECK(has(out, "must be a sequence name or a mapping"));
  CHECK(has(out, "step"));
  CHECK(has(out, "bad.yaml:13:26"));
  CHECK(has(out, "sequence f_seq is declared with other start/increment at"));
  CHECK(has(out, "is computed and cannot also draw from a sequence"));
}

TEST_CASE("sequences sqlite: Sequence is left out, as SQLAlchemy leaves it out",
          "[realdb][realdb-sqlite][sequences]") {
  TempDir dir;
  dir.write("m.yaml", kModel);
  const std::string db = "sqlite:///" + dir.file("t.db");
  RunResult check = runTether({"check", "--models", dir.file("m.yaml"), "--dialect", "sqlite"});
  INFO(check.out + check.err);
  CHECK(check.exitCode == 0);
  CHECK(check.out.find("error:") == std::string::npos);
  RunResult apply = runTether({"apply", "--models", dir.file("m.yaml"), "--db", db, "--yes"});
  INFO(apply.out + apply.err);
  REQUIRE(apply.exitCode == 0);
  CHECK_FALSE(has(apply.out, "SEQUENCE"));
  CHECK(runTether({"plan", "--models", dir.file("m.yaml"), "--db", db, "--exit-code"}).exitCode == 0);
  // The key is the rowid: numbered without a sequence.
  REQUIRE(runShell("sqlite3 " + shellQuote(dir.file("t.db")) + " \"INSERT INTO orders (number) VALUES (1)\"")
              .exitCode == 0);
  CHECK(runShell("sqlite3 " + shellQuote(dir.file("t.db")) + " \"SELECT id FROM orders\"").out == "1\n");
}
