#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_introspect.h"
#include "dialect/postgres/postgres.h"
#include "pg_test_util.h"
#include <map>

using namespace tether;
using namespace tether::test;

namespace {
const Column &col(const Schema &s, const std::string &table, const std::string &column) {
  const Table *t = s.table(table);
  REQUIRE(t);
  const Column *c = t->column(column);
  REQUIRE(c);
  return *c;
}
} // namespace

TEST_CASE("postgres introspection: every model type maps back", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE everything (
  i integer, b bigint, s smallint, v varchar(255), vu varchar, t text, n numeric(10,2), nu numeric,
  f double precision, bo boolean, d date, ti time, ts timestamp, tz timestamptz, by bytea, j json,
  u uuid, m mood, jb jsonb, r real);)");
  Schema s = openDb(db)->introspect();
  auto typeOf = [&](const char *c) { return col(s, "everything", c).type.str(); };
  CHECK(typeOf("i") == "Integer");
  CHECK(typeOf("b") == "BigInteger");
  CHECK(typeOf("s") == "SmallInteger");
  CHECK(typeOf("v") == "String(255)");
  CHECK(typeOf("vu") == "String");
  CHECK(typeOf("t") == "Text");
  CHECK(typeOf("n") == "Numeric(10, 2)");
  CHECK(typeOf("nu") == "Numeric");
  CHECK(typeOf("f") == "Float");
  CHECK(typeOf("bo") == "Boolean");
  CHECK(typeOf("d") == "Date");
  CHECK(typeOf("ti") == "Time");
  CHECK(typeOf("ts") == "DateTime");
  CHECK(typeOf("tz") == "DateTime(timezone=True)");
  CHECK(typeOf("by") == "LargeBinary");
  CHECK(typeOf("j") == "JSON");
  CHECK(typeOf("u") == "Uuid");
  CHECK(typeOf("m") == "Enum(sad, ok, happy, name=mood)");
  CHECK(typeOf("jb") == "{postgresql: jsonb}");
  CHECK(typeOf("r") == "{postgresql: real}");
  CHECK(col(s, "everything", "v").dbType == "character varying(255)");
  REQUIRE(s.enums.size() == 1);
  CHECK(s.enums[0].values == std::vector<std::string>{"sad", "ok", "happy"});
}

TEST_CASE("postgres introspection: keys, constraints, actions and indexes", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(
CREATE TABLE parents (a integer, b integer, code text, PRIMARY KEY (b, a), CONSTRAINT uq_code UNIQUE (code));
CREATE TABLE children (
  id serial PRIMARY KEY,
  pa integer, pb integer,
  mentor_id integer REFERENCES children (id) ON DELETE SET NULL,
  x integer, y integer,
  FOREIGN KEY (pb, pa) REFERENCES parents (b, a) ON DELETE CASCADE ON UPDATE RESTRICT,
  UNIQUE (y, x));
ALTER TABLE children ADD CONSTRAINT fk_lazy FOREIGN KEY (x) REFERENCES children (id) NOT VALID;
CREATE INDEX ix_children_pa_pb ON children (pa, pb);
CREATE UNIQUE INDEX ix_partial ON children (x) WHERE y > 0;
CREATE INDEX ix_expr ON children (lower(x::text), y);
CREATE TABLE tether_migrations (version text);
CREATE TABLE tether_lock (id int);
)");
  Schema s = openDb(db)->introspect();
  CHECK(s.tables.size() == 2);
  CHECK_FALSE(s.table("tether_migrations"));
  const Table *p = s.table("parents");
  REQUIRE(p);
  CHECK(p->primaryKey == std::vector<std::string>{"b", "a"});
  CHECK(p->primaryKeyName == "parents_pkey");
  REQUIRE(p->uniques.size() == 1);
  CHECK(p->uniques[0].name == "uq_code");
  CHECK(p->indexes.empty()); // the PK's and the unique constraint's indexes are not indexes of their own

  const Table *c = s.table("children");
  REQUIRE(c);
  REQUIRE(c->uniques.size() == 1);
  CHECK(c->uniques[0].columns == std::vector<std::string>{"y", "x"});
  CHECK(c->uniques[0].name == "children_y_x_key");
  REQUIRE(c->foreignKeys.size() == 3);
  const ForeignKey *composite = nullptr, *self = nullptr, *lazy = nullptr;
  for (const auto &fk : c->foreignKeys) {
    if (fk.refTable == "parents")
      composite = &fk;
    else if (fk.name == "fk_lazy")
      lazy = &fk;
    else
      self = &fk;
  }
  REQUIRE(composite);
  CHECK(composite->columns == std::vector<std::string>{"pb", "pa"});
  CHECK(composite->refColumns == std::vector<std::string>{"b", "a"});
  CHECK(composite->onDelete == FkAction::Cascade);
  CHECK(composite->onUpdate == FkAction::Restrict);
  CHECK_FALSE(composite->notValid);
  REQUIRE(self);
  CHECK(self->refTable == "children");
  CHECK(self->name == "children_mentor_id_fkey");
  CHECK(self->onDelete == FkAction::SetNull);
  CHECK(self->onUpdate == FkAction::None);
  REQUIRE(lazy);
  CHECK(lazy->notValid);

  REQUIRE(c->indexes.size() == 3);
  // Sorted by name.
  const Index &pair = c->indexes[0], &expr = c->indexes[1], &partial = c->indexes[2];
  CHECK(pair.name == "ix_children_pa_pb");
  CHECK(pair.columns == std::vector<std::string>{"pa", "pb"});
  CHECK(pair.method == "btree");
  CHECK_FALSE(pair.unique);
  CHECK(expr.name == "ix_expr");
  CHECK(expr.hasExpressions);
  CHECK(expr.columns == std::vector<std::string>{"lower(x::text)", "y"});
  CHECK(partial.unique);
  CHECK(partial.predicate == "y > 0");
}

// Key columns of the schema's own tables come from the server as numbers and are named from the
// columns read: numbers with gaps (dropped columns), keys in another order than the table's, and a
// parent that is not one of the own tables (tether's own) must all come out by name.
TEST_CASE("postgres introspection: key columns named by number across dropped and reordered columns",
          "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(
CREATE TABLE regions (gone1 int, code text, gone2 int, zone int, PRIMARY KEY (zone, code));
ALTER TABLE regions DROP COLUMN gone1, DROP COLUMN gone2;
ALTER TABLE regions ADD COLUMN label text UNIQUE;
CREATE TABLE tether_owners (id int PRIMARY KEY);
CREATE TABLE shops (
  dropped int, id int PRIMARY KEY, r_code text, r_zone int, owner int REFERENCES tether_owners (id),
  FOREIGN KEY (r_zone, r_code) REFERENCES regions (zone, code),
  FOREIGN KEY (r_code) REFERENCES regions (label));
ALTER TABLE shops DROP COLUMN dropped;
)");
  Schema s = openDb(db)->introspect();
  const Table *r = s.table("regions");
  REQUIRE(r);
  CHECK(r->primaryKey == std::vector<std::string>{"zone", "code"});
  REQUIRE(r->uniques.size() == 1);
  CHECK(r->uniques[0].columns == std::vector<std::string>{"label"});
  const Table *shops = s.table("shops");
  REQUIRE(shops);
  CHECK(shops->primaryKey == std::vector<std::string>{"id"});
  REQUIRE(shops->foreignKeys.size() == 3);
  std::map<std::string, const ForeignKey *> byParent;
  for (const auto &fk : shops->foreignKeys)
    byParent[fk.refTable + "(" + join(fk.refColumns, ",") + ")"] = &fk;
  REQUIRE(byParent.count("regions(zone,code)"));
  CHECK(byParent["regions(zone,code)"]->columns == std::vector<std::string>{"r_zone", "r_code"});
  REQUIRE(byParent.count("regions(label)"));
  CHECK(byParent["regions(label)"]->columns == std::vector<std::string>{"r_code"});
  REQUIRE(byParent.count("tether_owners(id)"));
  CHECK(byParent["tether_owners(id)"]->columns == std::vector<std::string>{"owner"});
}

TEST_CASE("postgres introspection: serial and identity are both autoincrement with no default",
          "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(
CREATE TABLE a (id serial PRIMARY KEY);
CREATE TABLE b (id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY);
CREATE TABLE c (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);
CREATE TABLE d (id integer PRIMARY KEY);)");
  Schema s = openDb(db)->introspect();
  for (const char *t : {"a", "b", "c"}) {
    INFO(t);
    CHECK(col(s, t, "id").autoincrement);
    CHECK_FALSE(col(s, t, "id").defaultValue.present());
    CHECK_FALSE(col(s, t, "id").nullable);
  }
  CHECK_FALSE(col(s, "d", "id").autoincrement);
  CHECK(col(s, "c", "id").type.kind == TypeKind::BigInteger);
}

TEST_CASE("postgres introspection: defaults read back as the model writes them", "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, R"(CREATE TYPE st AS ENUM ('new', 'old');
CREATE TABLE d (
  s varchar(20) DEFAULT 'x', q text DEFAULT 'it''s', bo boolean DEFAULT true, n numeric(10,2) DEFAULT 0,
  neg integer DEFAULT -1, f double precision DEFAULT 1.5, t timestamp DEFAULT now(),
  c timestamptz DEFAULT CURRENT_TIMESTAMP, e st DEFAULT 'new', nul text DEFAULT NULL, none text,
  due timestamptz DEFAULT now() + interval '1 day', code text DEFAULT upper(md5(random()::text)));
COMMENT ON TABLE d IS 'the table';
COMMENT ON COLUMN d.s IS 'a ''quoted'' comment';)");
  Schema s = openDb(db)->introspect();
  auto def = [&](const char *c) { return col(s, "d", c).defaultValue; };
  CHECK(def("s").kind == ColumnDefault::Kind::String);
  CHECK(def("s").value == "x");
  CHECK(def("q").value == "it's");
  CHECK(def("bo").kind == ColumnDefault::Kind::Boolean);
  CHECK(def("bo").value == "true");
  CHECK(def("n").kind == ColumnDefault::Kind::Number);
  CHECK(def("neg").kind == ColumnDefault::Kind::Number);
  CHECK(def("neg").value == "-1");
  CHECK(def("f").value == "1.5");
  CHECK(def("t").kind == ColumnDefault::Kind::Sql);
  CHECK(def("c").kind == ColumnDefault::Kind::Sql);
  CHECK(def("e").kind == ColumnDefault::Kind::String);
  CHECK(def("e").value == "new");
  CHECK_FALSE(def("nul").present());
  CHECK_FALSE(def("none").present());
  CHECK(col(s, "d", "s").comment == "a 'quoted' comment");
  CHECK(s.table("d")->comment == "the table");

  // What the model would say compares equal to what the server stored.
  const Dialect &pg = postgresDialect();
  auto model = [](ColumnDefault::Kind k, std::string v) {
    Column c;
    c.defaultValue.kind = k;
    c.defaultValue.value = std::move(v);
    return c;
  };
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::String, "x"), col(s, "d", "s")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Boolean, "true"), col(s, "d", "bo")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Number, "0"), col(s, "d", "n")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Number, "-1"), col(s, "d", "neg")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Sql, "now()"), col(s, "d", "t")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Sql, "CURRENT_TIMESTAMP"), col(s, "d", "c")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Sql, "now()"), col(s, "d", "c")));
  // Stored as (now() + '1 day'::interval) and upper(md5((random())::text)): the same expressions.
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Sql, "now() + interval '1 day'"), col(s, "d", "due")));
  CHECK(pg.sameDefault(model(ColumnDefault::Kind::Sql, "upper(md5(random()::text))"), col(s, "d", "code")));
  CHECK_FALSE(
      pg.sameDefault(model(ColumnDefault::Kind::Sql, "now() + interval '2 days'"), col(s, "d", "due")));
  CHECK_FALSE(
      pg.sameDefault(model(ColumnDefault::Kind::Sql, "lower(md5(random()::text))"), col(s, "d", "code")));
  CHECK_FALSE(pg.sameDefault(model(ColumnDefault::Kind::String, "y"), col(s, "d", "s")));
  CHECK_FALSE(pg.sameDefault(model(ColumnDefault::Kind::Boolean, "false"), col(s, "d", "bo")));
  CHECK_FALSE(pg.sameDefault(model(ColumnDefault::Kind::None, ""), col(s, "d", "s")));
}

TEST_CASE("postgres introspection: a constant number of catalog queries, whatever the table count",
          "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  std::string ddl;
  for (int i = 0; i < 40; ++i) {
    std::string t = "t" + std::to_string(i);
    ddl += "CREATE TABLE " + t + " (id serial PRIMARY KEY, name text UNIQUE" +
           (i ? ", parent_id integer REFERENCES t" + std::to_string(i - 1) + " (id)" : std::string()) + ");";
    ddl += "CREATE INDEX ix_" + t + " ON " + t + " (name, id);";
  }
  psql(db, ddl);
  auto conn = openDb(db);
  int queries = 0;
  Schema s = pg::introspectSchema(
      [&](const std::string &sql, const std::vector<std::string> &params) {
        ++queries;
        return conn->query(sql, params);
      },
      "public");
  CHECK(s.tables.size() == 40);
  // columns, constraints, CHECKs, indexes, enums, unmanaged objects, named sequences and their defaults
  CHECK(queries == 8);
  CHECK(s.table("t39")->foreignKeys.size() == 1);
  CHECK(s.table("t39")->indexes.size() == 1);
}

TEST_CASE("postgres introspection: --schema picks the schema, the default is the search path's first",
          "[postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  psql(db, "CREATE SCHEMA shop; CREATE TABLE shop.items (id int); CREATE TABLE public.other (id int);");
  OpenOptions opts;
  opts.schema = "shop";
  Schema shop = openDb(db, opts)->introspect();
  REQUIRE(shop.tables.size() == 1);
  CHECK(shop.tables[0].name == "items");
  Schema pub = openDb(db)->introspect();
  REQUIRE(pub.tables.size() == 1);
  CHECK(pub.tables[0].name == "other");
  opts.schema = "nope";
  CHECK_THROWS_AS(openDb(db, opts), Error);
}
