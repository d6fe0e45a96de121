#include "core/error.h"
#include "dialect/postgres/postgres.h"
#include "pg_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
std::string sqlOf(const std::vector<SqlStep> &steps) {
  std::string s;
  for (const auto &st : steps)
    s += (st.transactional ? "" : "-- outside the transaction\n") + st.sql + ";\n";
  return s;
}

// A populated parent/child pair, as introspection would report it.
const char *const kLive = R"(
CREATE TABLE accounts (id serial PRIMARY KEY, email text);
CREATE TABLE events (id serial PRIMARY KEY, account_id integer, kind text);
INSERT INTO accounts (email) SELECT 'u' || g FROM generate_series(1, 50) g;
INSERT INTO events (account_id, kind) SELECT 1 + g % 50, 'k' FROM generate_series(1, 200) g;)";

std::vector<Change> onlineChanges() {
  ForeignKey fk;
  fk.columns = {"account_id"};
  fk.refTable = "accounts";
  fk.refColumns = {"id"};
  fk.onDelete = FkAction::Cascade;
  UniqueConstraint email;
  email.columns = {"email"};
  Column note;
  note.name = "note";
  note.type.kind = TypeKind::Text;
  std::vector<Change> changes;
  changes.push_back(step::CreateIndex{
      "events", Index{"ix_events_kind", {"kind"}, false, "btree", "", false, false, {}, {}, {}, false}});
  changes.push_back(step::AddForeignKey{"events", fk});
  changes.push_back(step::AddUnique{"accounts", email});
  changes.push_back(step::AddColumn{"accounts", note});
  return changes;
}
} // namespace

TEST_CASE("postgres online: lock-safe DDL as separate, re-runnable steps", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, kLive);
  auto conn = openDb(db);
  Schema live = conn->introspect();
  RenderOptions online;
  online.online = true;
  std::vector<SqlStep> steps = postgresDialect().render(onlineChanges(), live, live, online);
  std::string got = sqlOf(steps);
  INFO(got);
  CHECK(got == R"(SET LOCAL lock_timeout = '5s';
-- outside the transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ix_events_kind" ON "events" ("kind");
ALTER TABLE "events" ADD CONSTRAINT "events_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts" ("id") ON DELETE CASCADE NOT VALID;
-- outside the transaction
ALTER TABLE "events" VALIDATE CONSTRAINT "events_account_id_fkey";
-- outside the transaction
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "accounts_email_key" ON "accounts" ("email");
-- outside the transaction
DO $tether$
BEGIN
  PERFORM set_config('lock_timeout', '5s', true);
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = '"accounts"'::regclass AND conname = 'accounts_email_key') THEN
    ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE USING INDEX "accounts_email_key";
  END IF;
END
$tether$;
ALTER TABLE "accounts" ADD COLUMN "note" text;
)");

  conn->apply(steps);
  // Every step outside the transaction can run again without harm.
  std::vector<SqlStep> again;
  for (const auto &s : steps)
    if (!s.transactional) again.push_back(s);
  conn->apply(again);

  Schema after = conn->introspect();
  const Table *events = after.table("events");
  REQUIRE(events->foreignKeys.size() == 1);
  CHECK_FALSE(events->foreignKeys[0].notValid);
  CHECK(events->foreignKeys[0].name == "events_account_id_fkey");
  REQUIRE(events->indexes.size() == 1);
  const Table *accounts = after.table("accounts");
  REQUIRE(accounts->uniques.size() == 1);
  CHECK(accounts->uniques[0].name == "accounts_email_key");
  CHECK(accounts->indexes.empty()); // the index now backs the constraint
  CHECK(accounts->column("note"));
}

TEST_CASE("postgres online: a table the plan creates is built the plain way", "[postgres]") {
  Table t;
  t.name = "fresh";
  Column id;
  id.name = "id";
  t.columns = {id};
  UniqueConstraint unique;
  unique.columns = {"id"};
  std::vector<Change> changes;
  changes.push_back(step::CreateTable{"fresh", t});
  changes.push_back(step::AddUnique{"fresh", unique});
  changes.push_back(step::CreateIndex{
      "fresh", Index{"ix_fresh_id", {"id"}, false, "btree", "", false, false, {}, {}, {}, false}});
  RenderOptions online;
  online.online = true;
  auto steps = postgresDialect().render(changes, Schema{}, Schema{}, online);
  REQUIRE(steps.size() == 4); // SET LOCAL lock_timeout, then the three changes
  for (const auto &s : steps)
    CHECK(s.transactional);
  CHECK(sqlOf(steps).find("CONCURRENTLY") == std::string::npos);
}

TEST_CASE("postgres online: a failing validation leaves the NOT VALID constraint and says so", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, std::string(kLive) + "INSERT INTO events (account_id, kind) VALUES (999, 'orphan');");
  auto conn = openDb(db);
  Schema live = conn->introspect();
  RenderOptions online;
  online.online = true;
  std::vector<Change> fkOnly = {onlineChanges()[1]};
  try {
    conn->apply(postgresDialect().render(fkOnly, live, live, online));
    FAIL("validation should fail on the orphan row");
  } catch (const Error &e) {
    std::string m = e.what();
    CHECK(m.find("VALIDATE CONSTRAINT") != std::string::npos);
    CHECK(m.find("can be re-run") != std::string::npos);
  }
  Schema after = conn->introspect();
  REQUIRE(after.table("events")->foreignKeys.size() == 1);
  CHECK(after.table("events")->foreignKeys[0].notValid);
}
