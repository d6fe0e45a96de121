#include "core/error.h"
#include "dialect/postgres/postgres.h"
#include "pg_test_util.h"

using namespace tether;
using namespace tether::test;

namespace {
const std::string kWeird = "weird \"table\"; DROP TABLE users; --";

Column column(const std::string &name, const std::string &type, bool nullable = true) {
  Column c;
  c.name = name;
  TypeParse p = parseColumnType(type);
  REQUIRE(p.type);
  c.type = *p.type;
  c.nullable = nullable;
  return c;
}

std::string sqlOf(const std::vector<SqlStep> &steps) {
  std::string s;
  for (const auto &st : steps)
    s += st.sql + (st.transactional ? "" : " -- outside the transaction") + ";\n";
  return s;
}

std::string render(const std::vector<Change> &changes, const Schema &current = {}, const Schema &desired = {},
                   bool online = false) {
  RenderOptions opts;
  opts.online = online;
  return sqlOf(postgresDialect().render(changes, current, desired, opts));
}

// users and the hostile table, as the models would ask for them.
Schema hostileSchema() {
  Schema s;
  s.enums.push_back(EnumTypeDef{"mood", {"sad", "happy"}, {}});
  Table users;
  users.name = "users";
  Column id = column("id", "Integer", false);
  id.autoincrement = true;
  users.columns = {id, column("email", "String(255)", false), column("select", "Text"),
                   column("mood", "Enum(sad, happy, name=mood)")};
  users.columns[1].comment = "who's who";
  users.columns[2].defaultValue = {ColumnDefault::Kind::String, "it's"};
  users.columns[3].defaultValue = {ColumnDefault::Kind::String, "sad"};
  users.primaryKey = {"id"};
  users.uniques.push_back(UniqueConstraint{"", {"email"}, {}, {}});
  users.indexes.push_back(
      Index{"ix_users_select", {"select"}, false, "btree", "", false, false, {}, {}, {}, false});
  Table weird;
  weird.name = kWeird;
  weird.columns = {column("id", "BigInteger", false), column("user_id", "Integer", false),
                   column("select", "Boolean")};
  weird.columns[2].defaultValue = {ColumnDefault::Kind::Boolean, "true"};
  weird.primaryKey = {"id"};
  ForeignKey fk;
  fk.columns = {"user_id"};
  fk.refTable = "users";
  fk.refColumns = {"id"};
  fk.onDelete = FkAction::Cascade;
  weird.foreignKeys.push_back(fk);
  s.tables = {users, weird};
  return s;
}

std::vector<Change> createAll(const Schema &s) {
  std::vector<Change> out;
  out.push_back(step::CreateEnum{s.enums[0]});
  for (const auto &t : s.tables) {
    step::CreateTable c{t.name, t};
    c.tableDef.indexes.clear(); // as the differ does: each index is its own change
    out.push_back(c);
    for (const auto &ix : t.indexes)
      out.push_back(step::CreateIndex{t.name, ix});
  }
  return out;
}
} // namespace

TEST_CASE("postgres render: CREATE TYPE and CREATE TABLE with hostile identifiers (golden)", "[postgres]") {
  Schema s = hostileSchema();
  std::string got = render(createAll(s), {}, s);
  std::string want = readFile(fixture("postgres/create_hostile.sql"));
  INFO(got);
  CHECK(got == want);
}

TEST_CASE("postgres render: hostile identifiers execute for real and introspect back", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, "CREATE TABLE bystander (id int)"); // what the hostile name would drop if it were spliced
  auto conn = openDb(db);
  Schema want = hostileSchema();
  conn->apply(postgresDialect().render(createAll(want), {}, want, {}));
  Schema got = conn->introspect();
  REQUIRE(got.table("bystander"));
  const Table *w = got.table(kWeird);
  REQUIRE(w);
  CHECK(w->column("select")->defaultValue.value == "true");
  REQUIRE(w->foreignKeys.size() == 1);
  CHECK(w->foreignKeys[0].onDelete == FkAction::Cascade);
  const Table *u = got.table("users");
  REQUIRE(u);
  CHECK(u->column("id")->autoincrement);
  CHECK(u->column("email")->comment == "who's who");
  CHECK(u->column("select")->defaultValue.value == "it's");
  REQUIRE(u->uniques.size() == 1);
  CHECK(u->uniques[0].name == "users_email_key");
  REQUIRE(u->indexes.size() == 1);
  CHECK(u->indexes[0].columns == std::vector<std::string>{"select"});
  for (const auto &t : want.tables)
    for (const auto &c : t.columns) {
      INFO(t.name << "." << c.name);
      CHECK(postgresDialect().sameType(c, *got.table(t.name)->column(c.name)));
      CHECK(postgresDialect().sameDefault(c, *got.table(t.name)->column(c.name)));
    }
}

TEST_CASE("postgres render: every change kind on an existing table (golden, then run)", "[postgres]") {
  Schema before = hostileSchema();
  Schema after = before;
  after.enums[0].values = {"sad", "meh", "happy"};

  std::vector<Change> changes;
  // Each step on "users" unless said otherwise; a reference is used before the next add.
  auto add = [&](auto s) -> auto & {
    using Step = decltype(s);
    if constexpr (appliesToTable<Step>) s.table = "users";
    changes.push_back(Change{s});
    return changes.back().as<Step>();
  };
  add(step::AddEnumValue{}).enumDef.name = "mood";
  changes.back().as<step::AddEnumValue>().enumValue = "meh";
  auto &addCol = add(step::AddColumn{});
  addCol.column = column("age", "SmallInteger", false);
  addCol.column.defaultValue = {ColumnDefault::Kind::Number, "0"};
  auto &alter = add(step::AlterColumn{});
  alter.oldColumn = before.tables[0].columns[2];
  alter.column = column("select", "String(100)", false);
  alter.column.defaultValue = {ColumnDefault::Kind::String, "none"};
  alter.typeChanged = alter.nullabilityChanged = alter.defaultChanged = true;
  auto &rename = add(step::RenameColumn{});
  rename.oldColumn.name = "mood";
  rename.column.name = "feeling";
  auto &ix = add(step::CreateIndex{});
  ix.index = Index{"ix_users_age", {"age", "select"}, true, "btree", "", false, false, {}, {}, {}, false};
  auto &dropU = add(step::DropUnique{});
  dropU.unique.columns = {"email"}; // unnamed in the model: the live name is used
  auto &addU = add(step::AddUnique{});
  addU.unique = UniqueConstraint{"uq_users_email_age", {"email", "age"}, {}, {}};
  auto &dropFk = add(step::DropForeignKey{});
  dropFk.table = kWeird;
  dropFk.fk = before.tables[1].foreignKeys[0];
  auto &addFk = add(step::AddForeignKey{});
  addFk.table = kWeird;
  addFk.fk = before.tables[1].foreignKeys[0];
  addFk.fk.onDelete = FkAction::SetNull;
  addFk.fk.onUpdate = FkAction::Cascade;
  auto &dropPk = add(step::DropPrimaryKey{});
  dropPk.table = kWeird;
  dropPk.primaryKey = {"id"};
  auto &addPk = add(step::AddPrimaryKey{});
  addPk.table = kWeird;
  addPk.primaryKey = {"id", "user_id"};
  auto &dropIx = add(step::DropIndex{});
  dropIx.index.name = "ix_users_select";
  auto &dropCol = add(step::DropColumn{});
  dropCol.column.name = "feeling";
  auto &renameT = add(step::RenameTable{});
  renameT.oldName = kWeird;
  renameT.table = "plain";
  auto &dropT = add(step::DropTable{});
  dropT.table = "plain";
  auto &dropE = add(step::DropEnum{});
  dropE.enumDef.name = "mood";

  // The live schema, as introspection reports it: unnamed constraints carry the server's names.
  Schema live = before;
  live.tables[0].uniques[0].name = "users_email_key";
  live.tables[1].foreignKeys[0].name = "weird \"table\"; DROP TABLE users; --_user_id_fkey";
  live.tables[1].primaryKeyName = "weird \"table\"; DROP TABLE users; --_pkey";

  std::string got = render(changes, live, after);
  INFO(got);
  CHECK(got == R"(ALTER TYPE "mood" ADD VALUE IF NOT EXISTS 'meh' AFTER 'sad';
ALTER TABLE "users" ADD COLUMN "age" smallint NOT NULL DEFAULT 0;
ALTER TABLE "users" ALTER COLUMN "select" DROP DEFAULT;
ALTER TABLE "users" ALTER COLUMN "select" TYPE varchar(100) USING "select"::varchar(100);
ALTER TABLE "users" ALTER COLUMN "select" SET NOT NULL;
ALTER TABLE "users" ALTER COLUMN "select" SET DEFAULT 'none';
ALTER TABLE "users" RENAME COLUMN "mood" TO "feeling";
CREATE UNIQUE INDEX "ix_users_age" ON "users" ("age", "select");
ALTER TABLE "users" DROP CONSTRAINT "users_email_key";
ALTER TABLE "users" ADD CONSTRAINT "uq_users_email_age" UNIQUE ("email", "age");
ALTER TABLE "weird ""table""; DROP TABLE users; --" DROP CONSTRAINT "weird ""table""; DROP TABLE users; --_user_id_fkey";
ALTER TABLE "weird ""table""; DROP TABLE users; --" ADD FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "weird ""table""; DROP TABLE users; --" DROP CONSTRAINT "weird ""table""; DROP TABLE users; --_pkey";
ALTER TABLE "weird ""table""; DROP TABLE users; --" ADD PRIMARY KEY ("id", "user_id");
DROP INDEX "ix_users_select";
ALTER TABLE "users" DROP COLUMN "feeling";
ALTER TABLE "weird ""table""; DROP TABLE users; --" RENAME TO "plain";
DROP TABLE "plain";
DROP TYPE "mood";
)");

  REQUIRE_PG();
  PgDatabase db;
  auto conn = openDb(db);
  conn->apply(postgresDialect().render(createAll(before), {}, before, {}));
  psql(db, "INSERT INTO users (email, \"select\") VALUES ('a@x', 'keep me')");
  Schema real = conn->introspect();
  // The names the server gave are the ones the golden SQL above assumed.
  CHECK(real.table("users")->uniques[0].name == live.tables[0].uniques[0].name);
  CHECK(real.table(kWeird)->foreignKeys[0].name.substr(0, 20) ==
        live.tables[1].foreignKeys[0].name.substr(0, 20));
  conn->apply(postgresDialect().render(changes, real, after, {}));
  Schema end = conn->introspect();
  CHECK_FALSE(end.table("plain"));
  CHECK_FALSE(end.table(kWeird));
  CHECK(end.enums.empty());
  const Table *u = end.table("users");
  REQUIRE(u);
  CHECK(u->column("select")->type.str() == "String(100)");
  CHECK_FALSE(u->column("select")->nullable);
  CHECK_FALSE(u->column("feeling"));
  REQUIRE(u->uniques.size() == 1);
  CHECK(u->uniques[0].name == "uq_users_email_age");
  REQUIRE(u->indexes.size() == 1);
  CHECK(u->indexes[0].name == "ix_users_age");
  CHECK(psqlValue(db, "SELECT \"select\" || '/' || age FROM users") == "keep me/0");
}

TEST_CASE("postgres render: autoincrement added to and taken from a populated column", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, "CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3)");
  auto conn = openDb(db);
  Schema live = conn->introspect();
  step::AlterColumn on;
  on.table = "t";
  on.oldColumn = *live.table("t")->column("id");
  on.column = column("id", "Integer", false);
  on.column.autoincrement = true;
  conn->apply(postgresDialect().render({Change{on}}, live, live, {}));
  psql(db, "INSERT INTO t DEFAULT VALUES");
  CHECK(psqlValue(db, "SELECT max(id) FROM t") == "4");
  Schema after = conn->introspect();
  CHECK(after.table("t")->column("id")->autoincrement);
  CHECK(postgresDialect().sameDefault(on.column, *after.table("t")->column("id")));

  step::AlterColumn off = on;
  off.oldColumn = *after.table("t")->column("id");
  off.column.autoincrement = false;
  conn->apply(postgresDialect().render({Change{off}}, after, after, {}));
  CHECK_FALSE(conn->introspect().table("t")->column("id")->autoincrement);
}
