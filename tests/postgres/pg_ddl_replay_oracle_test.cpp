// The oracle for the offline replay: the same migration files run on the real PostgreSQL of
// scripts/pg-temp.sh (in a throwaway schema, introspected) and replayed offline must give the same
// schema, compared through diffSchemas with the postgres dialect both ways and, stricter, object by
// object with the names the server chose. Where the offline replay refuses (exit 2, --dev-db hint)
// there is nothing to compare; it must never return a schema the server would not build.
#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_check_expr.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_types.h"
#include "diff/differ.h"
#include "drivers/open.h"
#include "migrate/migration_dir.h"
#include "migrate/replay.h"
#include "support.h"
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

using namespace tether;
using namespace tether::test;

namespace {
namespace fs = std::filesystem;

const Dialect &pgDialect() {
  return dialectByName("postgresql");
}

// A migration folder of the given up files, in order.
std::string writeFolder(const TempDir &tmp, const std::string &name, const std::vector<std::string> &ups) {
  const std::string dir = tmp.file(name);
  fs::create_directories(dir);
  for (size_t i = 0; i < ups.size(); ++i) {
    char stem[32];
    std::snprintf(stem, sizeof stem, "%04zu_v", i + 1);
    std::ofstream(dir + "/" + stem + ".up.sql", std::ios::binary) << ups[i];
    std::ofstream(dir + "/" + stem + ".down.sql", std::ios::binary) << "SELECT 1;\n";
  }
  return dir;
}

// The schema as a model file would declare it: indexes kept as unmanaged objects are not model indexes.
Schema asModel(Schema s) {
  for (auto &t : s.tables) {
    auto &ix = t.indexes;
    ix.erase(std::remove_if(ix.begin(), ix.end(),
                            [&](const Index &i) { return s.unmanagedObject("index", i.name) != nullptr; }),
             ix.end());
  }
  return s;
}

std::string cols(const std::vector<std::string> &c) {
  std::string out;
  for (const auto &x : c)
    out += (out.empty() ? "" : ",") + x;
  return out;
}

std::string canonical(const std::string &sql) {
  return pg::canonicalCheck(sql).value_or(sql);
}

// An index's elements and options, its SQL texts in the canonical form the differ compares.
std::string indexElements(const Index &i) {
  std::string out;
  for (size_t n = 0; n < i.columns.size(); ++n) {
    IndexKey k = indexKeyAt(i, n);
    out += (n ? "," : "") + (k.expression ? "expr:" + canonical(i.columns[n]) : i.columns[n]) + " " +
           k.order + "/" + k.nulls + "/" + k.opclass;
  }
  out += " include=" + cols(i.include) + " nnd=" + std::to_string(i.nullsNotDistinct);
  if (!i.predicate.empty()) out += " where=" + canonical(i.predicate);
  return out;
}

// Every object with the names the server gave it, one line each.
std::vector<std::string> objects(const Schema &s) {
  std::vector<std::string> out;
  for (const auto &t : s.tables) {
    out.push_back("table " + t.name + " comment=" + t.comment + " partition=" + t.partitionBy);
    for (const auto &c : t.columns)
      out.push_back(
          "column " + t.name + "." + c.name + " " +
          (c.type.kind == TypeKind::Enum ? "enum:" + c.type.enumName : pg::canonicalType(c.dbType)) +
          " null=" + std::to_string(c.nullable) + " auto=" + std::to_string(c.autoincrement) +
          " default=" + std::to_string(c.defaultValue.present()) + " comment=" + c.comment +
          " sequence=" + c.sequence.qualifiedName() + "/" + std::to_string(c.sequence.start.value_or(1)) +
          "/" + std::to_string(c.sequence.increment.value_or(1)));
    if (!t.primaryKey.empty())
      out.push_back("pk " + t.name + " " + t.primaryKeyName + " " + cols(t.primaryKey));
    for (const auto &u : t.uniques)
      out.push_back("unique " + t.name + " " + u.name + " " + cols(u.columns));
    for (const auto &f : t.foreignKeys)
      out.push_back("fk " + t.name + " " + f.name + " " + cols(f.columns) + " -> " + f.refTable + "(" +
                    cols(f.refColumns) + ") del=" + deleteActionText(f) + " upd=" + fkActionSql(f.onUpdate) +
                    " notvalid=" + std::to_string(f.notValid));
    for (const auto &c : t.checks)
      out.push_back("check " + t.name + " " + c.name);
    for (const auto &i : t.indexes) {
      bool managed = !s.unmanagedObject("index", i.name);
      out.push_back("index " + t.name + " " + i.name + " unique=" + std::to_string(i.unique) +
                    (managed ? " " + indexElements(i) + " " + i.method : " (unmanaged)"));
    }
  }
  for (const auto &e : s.enums)
    out.push_back("enum " + e.name + " " + cols(e.values));
  for (const auto &u : s.unmanaged)
    out.push_back("unmanaged " + u.kind + " " + u.name + " on " + u.table);
  std::sort(out.begin(), out.end());
  return out;
}

// What tells the offline schema from the server's: diffSchemas both ways, objects by name, defaults.
std::vector<std::string> differences(const Schema &offline, const Schema &real) {
  std::vector<std::string> out;
  for (const auto &c : diffSchemas(asModel(real), offline, pgDialect()))
    out.push_back("offline lacks: " + c.describe());
  for (const auto &c : diffSchemas(asModel(offline), real, pgDialect()))
    out.push_back("offline adds: " + c.describe());
  auto a = objects(offline), b = objects(real);
  std::vector<std::string> onlyA, onlyB;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(onlyA));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(onlyB));
  for (const auto &x : onlyA)
    out.push_back("offline only: " + x);
  for (const auto &x : onlyB)
    out.push_back("server only: " + x);
  for (const auto &t : real.tables)
    if (const Table *o = offline.table(t.name))
      for (const auto &c : t.columns)
        if (const Column *oc = o->column(c.name))
          if (!pg::sameDefault(oc->defaultValue, c.defaultValue))
            out.push_back("default of " + t.name + "." + c.name + ": offline " + oc->defaultValue.value +
                          ", server " + c.defaultValue.value);
  return out;
}

struct Outcome {
  bool realOk = false, offlineOk = false;
  ErrorKind offlineKind = ErrorKind::Failed;
  std::string realError, offlineError;
  std::vector<std::string> diffs;
};

Outcome compare(const std::string &dir, const std::string &devDb) {
  Outcome o;
  const MigrationDir history = readMigrationDir(dir);
  Schema real, offline;
  try {
    real = replaySchema(history, -1, pgDialect(), devDb);
    o.realOk = true;
  } catch (const Error &e) {
    o.realError = e.what();
  }
  try {
    offline = replaySchema(history, -1, pgDialect(), "");
    o.offlineOk = true;
  } catch (const Error &e) {
    o.offlineKind = e.kind();
    o.offlineError = e.where().str() + ": " + e.what();
  }
  if (o.realOk && o.offlineOk) o.diffs = differences(offline, real);
  return o;
}

// Hand-written migrations, as teams write them: every one must replay offline, exactly.
std::vector<std::vector<std::string>> handWritten() {
  return {
      {// 0001: tables with the types and defaults people use
       "CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
       "CREATE TYPE order_status AS ENUM ('new', 'paid');\n"
       "CREATE TABLE customers (\n"
       "  id bigserial PRIMARY KEY,\n"
       "  email varchar(320) NOT NULL UNIQUE,\n"
       "  name text,\n"
       "  active boolean NOT NULL DEFAULT true,\n"
       "  score numeric(6,2) DEFAULT 0,\n"
       "  balance integer DEFAULT -1,\n"
       "  ratio double precision DEFAULT 1.5,\n"
       "  created_at timestamptz NOT NULL DEFAULT now(),\n"
       "  updated_at timestamp DEFAULT CURRENT_TIMESTAMP,\n"
       "  born date,\n"
       "  token uuid DEFAULT gen_random_uuid(),\n"
       "  prefs jsonb DEFAULT '{}',\n"
       "  tags text[] DEFAULT '{}'::text[],\n"
       "  code char(3) DEFAULT 'abc',\n"
       "  blob bytea,\n"
       "  price decimal(10),\n"
       "  small smallint DEFAULT 7,\n"
       "  f4 real,\n"
       "  t3 timestamp(3) with time zone\n"
       ");\n"
       "CREATE TABLE orders (\n"
       "  id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
       "  customer_id bigint NOT NULL REFERENCES customers ON DELETE CASCADE,\n"
       "  status order_status NOT NULL DEFAULT 'new',\n"
       "  total numeric(10,2) NOT NULL DEFAULT 0.00,\n"
       "  note varchar(200) DEFAULT ''::character varying,\n"
       "  CONSTRAINT orders_total_positive CHECK (total >= 0),\n"
       "  UNIQUE (customer_id, id)\n"
       ");\n"
       "CREATE INDEX orders_customer_id_idx ON orders (customer_id);\n"
       "COMMENT ON TABLE orders IS 'what customers bought';\n"
       "COMMENT ON COLUMN orders.note IS 'free text';\n",
       // 0002: ALTER TABLE sequences, NOT VALID, renames, a data migration between DDL
       "SET lock_timeout = '5s';\n"
       "ALTER TABLE customers ADD COLUMN referrer_id bigint;\n"
       "ALTER TABLE customers ADD CONSTRAINT customers_referrer_fk FOREIGN KEY (referrer_id) "
       "REFERENCES customers (id) ON UPDATE CASCADE ON DELETE SET NULL NOT VALID;\n"
       "UPDATE customers SET name = email WHERE name IS NULL;\n"
       "ALTER TABLE customers ALTER COLUMN name SET NOT NULL, ALTER COLUMN name SET DEFAULT 'anonymous';\n"
       "ALTER TABLE customers RENAME COLUMN name TO full_name;\n"
       "ALTER TABLE orders RENAME TO purchases;\n"
       "ALTER TABLE purchases ALTER COLUMN note TYPE text USING note::text;\n"
       "ALTER TABLE purchases ALTER COLUMN total DROP DEFAULT;\n"
       "ALTER TABLE customers DROP COLUMN blob;\n"
       "ALTER TABLE customers ADD COLUMN nickname varchar(40) UNIQUE, ADD COLUMN level int CHECK (level > "
       "0);\n"
       "ALTER TYPE order_status ADD VALUE 'shipped' AFTER 'paid';\n"
       "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'paid';\n"
       "INSERT INTO customers (email, full_name) VALUES ('a@example.com', 'A');\n"
       "DO $$ BEGIN UPDATE purchases SET note = 'n/a' WHERE note IS NULL; END $$;\n",
       // 0003: validate, constraint renames, dropping and re-adding keys
       "ALTER TABLE customers VALIDATE CONSTRAINT customers_referrer_fk;\n"
       "ALTER TABLE purchases RENAME CONSTRAINT orders_total_positive TO purchases_total_positive;\n"
       "ALTER TABLE purchases DROP CONSTRAINT orders_customer_id_id_key;\n"
       "ALTER TABLE purchases ADD CONSTRAINT purchases_note_key UNIQUE (note);\n"
       "ALTER INDEX orders_customer_id_idx RENAME TO purchases_customer_idx;\n"
       "ALTER TABLE customers ALTER COLUMN score TYPE numeric(8,2);\n"
       "ALTER TABLE customers ALTER COLUMN small DROP DEFAULT, ALTER COLUMN small SET NOT NULL;\n"
       "CREATE TABLE audit_log (id serial PRIMARY KEY, payload json, at timestamptz DEFAULT "
       "CURRENT_TIMESTAMP);\n"
       "CREATE UNIQUE INDEX ON audit_log (at);\n"
       "CREATE INDEX audit_log_lower ON audit_log (lower(payload::text));\n"
       "DROP TABLE IF EXISTS no_such_table;\n"
       "ALTER TABLE customers ALTER COLUMN id DROP DEFAULT;\n",
       // 0004: concurrent indexes under the no-transaction marker
       "-- tether:no-transaction\n"
       "CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_created_idx ON customers (created_at);\n"
       "CREATE UNIQUE INDEX CONCURRENTLY customers_token_key ON customers (token);\n"
       "DROP INDEX CONCURRENTLY IF EXISTS audit_log_lower;\n"
       "ALTER TABLE customers ADD CONSTRAINT customers_token_unique UNIQUE USING INDEX "
       "customers_token_key;\n",
       // 0005: enums, views, functions and triggers, partitions, dropping with CASCADE
       "CREATE TYPE channel AS ENUM ('web', 'store');\n"
       "ALTER TABLE purchases ADD COLUMN channel channel;\n"
       "ALTER TYPE channel RENAME VALUE 'store' TO 'shop';\n"
       "ALTER TYPE channel RENAME TO sales_channel;\n"
       "CREATE VIEW big_purchases AS SELECT id, total FROM purchases WHERE total > 100;\n"
       "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.at := now(); RETURN NEW; "
       "END $$;\n"
       "CREATE TRIGGER audit_touch BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION touch();\n"
       "CREATE TABLE metrics (id bigint NOT NULL, day date NOT NULL, value numeric, PRIMARY KEY (id, day))\n"
       "  PARTITION BY RANGE (day);\n"
       "CREATE TABLE metrics_2025 PARTITION OF metrics FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
       "CREATE INDEX ON metrics (day);\n"
       // A partition's own check, key, index and trigger, beside the ones it takes from its parent.
       "ALTER TABLE metrics_2025 ADD CONSTRAINT metrics_2025_value_check CHECK (value >= 0);\n"
       "ALTER TABLE metrics_2025 ADD CONSTRAINT metrics_2025_id_fkey FOREIGN KEY (id) REFERENCES customers "
       "(id);\n"
       "CREATE INDEX metrics_2025_value_idx ON metrics_2025 (value);\n"
       "ALTER INDEX metrics_2025_value_idx RENAME TO metrics_2025_by_value;\n"
       "CREATE TRIGGER metrics_2025_touch BEFORE INSERT ON metrics_2025 FOR EACH ROW EXECUTE FUNCTION "
       "touch();\n"
       "CREATE TABLE metrics_2026 PARTITION OF metrics FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');\n"
       "ALTER TABLE metrics_2026 ADD CONSTRAINT metrics_2026_value_check CHECK (value >= 0);\n"
       "ALTER TABLE metrics_2026 DROP CONSTRAINT metrics_2026_value_check;\n"
       "CREATE SEQUENCE ticket_numbers START 100;\n"
       "CREATE TABLE scratch (id int PRIMARY KEY, customer_id bigint REFERENCES customers);\n"
       "CREATE TABLE scratch_child (id int, scratch_id int REFERENCES scratch);\n"
       "DROP TABLE scratch CASCADE;\n"
       "ALTER TABLE customers ALTER COLUMN level DROP NOT NULL;\n"
       "ALTER TABLE customers ADD COLUMN version int GENERATED ALWAYS AS IDENTITY;\n"
       "ALTER TABLE customers ALTER COLUMN version DROP IDENTITY;\n"
       "ALTER TABLE customers DROP COLUMN level;\n"
       "CREATE TABLE events (id bigserial, kind text NOT NULL, payload jsonb DEFAULT '[]'::jsonb);\n"
       "ALTER TABLE events ADD PRIMARY KEY (id);\n"
       "ALTER TABLE events ADD CONSTRAINT events_kind_check CHECK (kind <> '') NOT VALID;\n"
       "ALTER TABLE events VALIDATE CONSTRAINT events_kind_check;\n"
       "ALTER TABLE events ADD COLUMN customer_id bigint REFERENCES customers (id) ON DELETE RESTRICT;\n"
       "ANALYZE events;\n"
       "GRANT SELECT ON events TO PUBLIC;\n"},
      {// A second history: composite keys, self references, named and unnamed alike
       "CREATE TABLE tenants (id int PRIMARY KEY, parent_id int REFERENCES tenants (id));\n"
       "CREATE TABLE docs (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, title text NOT NULL,\n"
       "  PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, title), CHECK (id > 0), CHECK (title <> '' AND id "
       "> 0));\n"
       "CREATE TABLE links (tenant_id int, doc_id int, FOREIGN KEY (tenant_id, doc_id) REFERENCES docs "
       "ON DELETE CASCADE, CHECK (doc_id > 0));\n"
       "CREATE TABLE notes (tenant_id int NOT NULL, doc_id int, body text,\n"
       "  FOREIGN KEY (tenant_id, doc_id) REFERENCES docs ON DELETE SET NULL (doc_id));\n"
       "CREATE INDEX ON links (tenant_id, doc_id);\nCREATE INDEX ON links (tenant_id, doc_id);\n",
       "ALTER TABLE docs DROP CONSTRAINT docs_tenant_id_title_key;\n"
       "ALTER TABLE docs ADD UNIQUE (tenant_id, title);\n"
       "ALTER TABLE links RENAME COLUMN doc_id TO document_id;\n"
       "ALTER TABLE tenants ADD COLUMN name varchar(100) NOT NULL DEFAULT 'x';\n"
       "ALTER TABLE tenants ALTER COLUMN name TYPE varchar(200);\n"
       "ALTER TABLE docs ALTER COLUMN title DROP NOT NULL;\n"
       "DROP INDEX links_tenant_id_doc_id_idx1;\n"},
      {// Edge cases: how the server prints defaults, names long and clashing objects, signatures
       "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
       "CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);\n"
       "CREATE TABLE \"Mixed Case\" (\"Id\" int PRIMARY KEY, \"Name\" text UNIQUE);\n"
       "CREATE TABLE defaults (\n"
       "  id int PRIMARY KEY,\n"
       "  d date DEFAULT CURRENT_DATE,\n"
       "  d2 date DEFAULT now(),\n"
       "  t3 timestamptz DEFAULT CURRENT_TIMESTAMP(3),\n"
       "  lt timestamp DEFAULT LOCALTIMESTAMP,\n"
       "  v varchar(10) DEFAULT 'abc'::text,\n"
       "  b boolean DEFAULT 'yes',\n"
       "  n numeric DEFAULT '5',\n"
       "  i bigint DEFAULT '-7',\n"
       "  m mood DEFAULT 'ok'::mood,\n"
       "  ms mood[],\n"
       "  e text DEFAULT '',\n"
       "  who text DEFAULT CURRENT_USER,\n"
       "  qty positive_int,\n"
       "  day date DEFAULT '2024-01-31'\n"
       ");\n"
       "CREATE TABLE a_table_name_that_goes_on_and_on_well_past_the_limit_of_names (\n"
       "  a_column_name_that_goes_on_and_on_well_past_the_sixty_three_byte int PRIMARY KEY,\n"
       "  another_column_name_that_is_also_long_enough_to_be_truncated int UNIQUE,\n"
       "  CHECK (another_column_name_that_is_also_long_enough_to_be_truncated > 0));\n"
       "CREATE TABLE clash (id int, x int, y int);\n"
       "CREATE INDEX clash_x_idx ON clash (y);\n"
       "CREATE INDEX ON clash (x);\n"
       "CREATE UNIQUE INDEX ON clash (x, y);\n"
       "CREATE INDEX ON clash (lower(x::text));\n"
       "CREATE INDEX clash_desc ON clash (x DESC) INCLUDE (y);\n"
       "ALTER TABLE clash ADD CHECK (x > 0), ADD CHECK (y > 0), ADD CHECK (x > y), ADD CHECK (x > 1);\n"
       "CREATE TABLE regions (code text PRIMARY KEY, parent text, UNIQUE (parent, code));\n"
       "CREATE TABLE stores (id int, region text, parent text,\n"
       "  FOREIGN KEY (parent, region) REFERENCES regions (parent, code) ON UPDATE SET DEFAULT);\n"
       "CREATE FUNCTION add(a integer, b integer DEFAULT 1, OUT total bigint) LANGUAGE sql AS 'SELECT a + "
       "b';\n"
       "CREATE FUNCTION tag(VARIADIC labels text[]) RETURNS text LANGUAGE sql AS 'SELECT 1::text';\n"
       "CREATE FUNCTION widen(x varchar(20), INOUT y numeric(10,2)) LANGUAGE sql AS 'SELECT y';\n"
       "CREATE PROCEDURE tidy(n int, OUT removed int) LANGUAGE plpgsql AS $$ BEGIN removed := n; END $$;\n"
       "CREATE SEQUENCE free_numbers;\n"
       "CREATE SEQUENCE owned_numbers OWNED BY clash.id;\n"
       "ALTER SEQUENCE free_numbers OWNED BY clash.x;\n"
       "CREATE TABLE cities (id int, region text NOT NULL) PARTITION BY LIST (region);\n"
       "CREATE TABLE cities_north PARTITION OF cities FOR VALUES IN ('north');\n"
       "CREATE TABLE cities_rest PARTITION OF cities DEFAULT PARTITION BY HASH (id);\n"
       "CREATE TABLE cities_rest_0 PARTITION OF cities_rest FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
       "CREATE VIEW v1 AS SELECT id FROM clash;\nCREATE VIEW v2 AS SELECT id FROM v1;\n"
       "CREATE MATERIALIZED VIEW mv AS SELECT count(*) AS n FROM v2;\n"
       "COMMENT ON TABLE clash IS 'gone soon';\nCOMMENT ON TABLE clash IS NULL;\n",
       "DROP VIEW v1 CASCADE;\n"
       "ALTER TABLE clash RENAME TO clash2;\n"
       "ALTER TABLE clash2 RENAME COLUMN x TO xx;\n"
       "ALTER TABLE clash2 DROP COLUMN y;\n"
       "DROP TYPE mood CASCADE;\n"
       "DROP FUNCTION add(integer, integer);\n"
       "ALTER TABLE \"Mixed Case\" RENAME CONSTRAINT \"Mixed Case_Name_key\" TO mixed_name_key;\n"
       "ALTER INDEX mixed_name_key RENAME TO mixed_name_unique;\n"
       "CREATE TABLE later (id serial PRIMARY KEY, clash_id int);\n"
       "CREATE INDEX ON later (clash_id);\n"},
      {// index options: partial, expression, DESC NULLS, operator classes, INCLUDE, NULLS NOT DISTINCT,
       // GIN/hash/BRIN, a collated index kept unmanaged; then columns renamed and dropped under them
       "CREATE TABLE acct (id serial PRIMARY KEY, tenant int NOT NULL, email varchar(200) NOT NULL,\n"
       "  name text NOT NULL, status varchar(20) NOT NULL, code text, region text, profile jsonb,\n"
       "  body text, deleted_at timestamptz, created_at timestamptz NOT NULL DEFAULT now());\n"
       "CREATE UNIQUE INDEX acct_tenant_email ON acct (tenant, lower(email)) WHERE deleted_at IS NULL;\n"
       "CREATE INDEX acct_created ON acct (created_at DESC NULLS FIRST);\n"
       "CREATE INDEX acct_created2 ON acct (created_at DESC NULLS LAST, id ASC NULLS FIRST);\n"
       "CREATE INDEX acct_name ON acct (name text_pattern_ops);\n"
       "CREATE INDEX acct_cover ON acct (tenant) INCLUDE (name, status);\n"
       "CREATE UNIQUE INDEX acct_code ON acct (code, region) NULLS NOT DISTINCT;\n"
       "CREATE INDEX acct_trial ON acct (tenant) WHERE status IN ('active', 'trial');\n"
       "CREATE INDEX acct_profile ON acct USING gin (profile jsonb_path_ops);\n"
       "CREATE INDEX acct_email_hash ON acct USING hash (email);\n"
       "CREATE INDEX acct_brin ON acct USING brin (created_at);\n"
       "CREATE INDEX acct_fts ON acct USING gin (to_tsvector('english', body));\n"
       "CREATE INDEX acct_email_c ON acct (email COLLATE \"C\");\n"
       "CREATE INDEX ON acct ((lower(name)));\n",
       "ALTER TABLE acct RENAME COLUMN email TO mail;\n"
       "ALTER TABLE acct RENAME COLUMN status TO state;\n"
       "ALTER TABLE acct DROP COLUMN body;\n"
       "ALTER TABLE acct RENAME COLUMN deleted_at TO removed_at;\n"},
      {// CHECK constraints: modelled when valid and inheritable, their expressions as written;
       // NOT VALID and NO INHERIT ones unmanaged until validated
       "CREATE TABLE shop (\n"
       "  id serial PRIMARY KEY,\n"
       "  price numeric(10,2) CHECK (price > 0),\n"
       "  kind varchar(10) CONSTRAINT kind_ok CHECK (kind IN ('a', 'b')),\n"
       "  state text CHECK (state NOT IN ('x', 'y')),\n"
       "  qty integer CHECK (qty BETWEEN -1 AND 10),\n"
       "  code text CHECK (code LIKE 'C%' AND position('-' in code) = 0),\n"
       "  starts date, ends date,\n"
       "  CHECK (starts < ends),\n"
       "  CONSTRAINT later_ok CHECK (ends > starts) NOT VALID\n"
       ");\n"
       "ALTER TABLE shop ADD CONSTRAINT qty_small CHECK (qty < 5) NOT VALID;\n",
       "ALTER TABLE shop VALIDATE CONSTRAINT qty_small;\n"
       "ALTER TABLE shop RENAME COLUMN price TO amount;\n"
       "ALTER TABLE shop RENAME COLUMN \"kind\" TO \"Kind\";\n"
       "ALTER TABLE shop RENAME CONSTRAINT kind_ok TO kind_valid;\n"
       "ALTER TABLE shop DROP COLUMN starts;\n"
       "ALTER TABLE shop ADD CONSTRAINT amount_cap CHECK (amount < 1000) NO INHERIT;\n"
       "ALTER TABLE shop ADD CONSTRAINT amount_floor CHECK (amount > -5) NOT VALID;\n"
       "ALTER TABLE shop DROP CONSTRAINT shop_qty_check;\n"
       "ALTER TABLE shop ADD CHECK (amount <> 13);\n"
       "ALTER TABLE shop ALTER COLUMN amount TYPE numeric(12,2);\n"},
      {// deferred checks and column collations: column and table forms, then altered
       "CREATE TABLE parents (\n"
       "  id int PRIMARY KEY,\n"
       "  code text COLLATE \"C\" UNIQUE DEFERRABLE,\n"
       "  label varchar(20) COLLATE \"POSIX\" NOT NULL,\n"
       "  plain text COLLATE \"default\"\n"
       ");\n"
       "CREATE TABLE kids (\n"
       "  id int PRIMARY KEY,\n"
       "  parent_id int REFERENCES parents DEFERRABLE INITIALLY DEFERRED NOT NULL,\n"
       "  other_id int,\n"
       "  slot int,\n"
       "  CONSTRAINT kids_other_fk FOREIGN KEY (other_id) REFERENCES parents (id),\n"
       "  UNIQUE (parent_id, slot) INITIALLY DEFERRED,\n"
       "  UNIQUE (parent_id, slot)\n"
       ");\n",
       "ALTER TABLE kids ALTER CONSTRAINT kids_other_fk DEFERRABLE INITIALLY DEFERRED;\n"
       "ALTER TABLE kids ALTER CONSTRAINT kids_parent_id_fkey NOT DEFERRABLE;\n"
       "ALTER TABLE parents ALTER COLUMN code TYPE text;\n"
       "ALTER TABLE parents ALTER COLUMN label TYPE varchar(40) COLLATE \"C\";\n"
       "ALTER TABLE kids ADD COLUMN nick text COLLATE \"C\";\n"
       "ALTER TABLE kids ADD CONSTRAINT kids_nick_key UNIQUE (nick) DEFERRABLE INITIALLY IMMEDIATE;\n"
       "ALTER TABLE kids ADD CONSTRAINT kids_nick_fk FOREIGN KEY (other_id) REFERENCES parents (id)\n"
       "  INITIALLY DEFERRED;\n"},
      {// named sequences as DBAs and create_all() write them: free-standing, shared, nextval() defaults
       "CREATE SEQUENCE doc_seq START WITH 100 INCREMENT BY 5;\n"
       "CREATE SEQUENCE down_seq INCREMENT BY -1;\n"
       "CREATE SEQUENCE small_seq AS integer;\n"
       "CREATE SEQUENCE unused_seq MAXVALUE 500;\n"
       "CREATE SEQUENCE \"app_id_seq\" INCREMENT BY 1 START WITH 1;\n"
       "CREATE TABLE bills (id integer NOT NULL PRIMARY KEY, number bigint DEFAULT nextval('doc_seq'),\n"
       "  down bigint DEFAULT nextval('down_seq'::regclass), small integer DEFAULT nextval('small_seq'));\n"
       "CREATE TABLE notes (id serial PRIMARY KEY, number bigint NOT NULL DEFAULT nextval('doc_seq'));\n",
       "ALTER TABLE bills ALTER COLUMN id SET DEFAULT nextval('app_id_seq');\n"
       "ALTER TABLE notes ALTER COLUMN number DROP DEFAULT;\n"
       "CREATE SEQUENCE later_seq START 7;\n"
       "ALTER TABLE notes ADD COLUMN later integer DEFAULT nextval('later_seq');\n"
       "ALTER TABLE bills ALTER COLUMN small SET DEFAULT nextval('notes_id_seq');\n"},
      {// descending identities: libpg_query's parse tree leaves negative options out
       "CREATE TABLE tickets (\n"
       "  id bigint GENERATED ALWAYS AS IDENTITY (INCREMENT BY -1) PRIMARY KEY,\n"
       "  n int GENERATED BY DEFAULT AS IDENTITY (START WITH -10 INCREMENT BY -2)\n"
       ");\n",
       "ALTER TABLE tickets ADD COLUMN m int NOT NULL;\n"
       "ALTER TABLE tickets ALTER COLUMN m ADD GENERATED ALWAYS AS IDENTITY (INCREMENT -3);\n"},
  };
}

// The --dev-db replay runs in a throwaway schema that `public.` would escape (into the shared
// database's public schema, where the next case finds it); the offline replay reads `public.` as the
// folder's own schema, as a migration applied to a real database does. Compared unqualified.
std::string withoutPublic(std::string sql) {
  for (size_t at; (at = sql.find("public.")) != std::string::npos;)
    sql.erase(at, 7);
  return sql;
}

// The lint corpus's cases (0001_base.up.sql, 0002_change.up.sql…) as migration folders.
std::vector<std::string> corpusFolders(const TempDir &tmp, const std::string &root) {
  std::vector<std::string> cases, out;
  std::error_code ec;
  for (const auto &e : fs::directory_iterator(root, ec))
    if (e.is_directory()) cases.push_back(e.path().string());
  std::sort(cases.begin(), cases.end());
  for (const auto &c : cases) {
    std::vector<std::string> ups;
    for (const auto &f : fs::directory_iterator(c))
      if (f.path().string().size() > 7 && f.path().string().substr(f.path().string().size() - 7) == ".up.sql")
        ups.push_back(f.path().string());
    std::sort(ups.begin(), ups.end());
    for (auto &u : ups)
      u = withoutPublic(readFile(u));
    out.push_back(writeFolder(tmp, fs::path(c).filename().string(), ups));
  }
  return out;
}
} // namespace

TEST_CASE("pg ddl replay oracle: hand-written team migrations replay offline exactly as on PostgreSQL",
          "[pg_replay][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  int n = 0;
  for (const auto &ups : handWritten()) {
    const std::string dir = writeFolder(tmp, "hand" + std::to_string(++n), ups);
    Outcome o = compare(dir, db.url());
    INFO(dir << "\nserver: " << o.realError << "\noffline: " << o.offlineError);
    REQUIRE(o.realOk);
    REQUIRE(o.offlineOk);
    INFO(cols(o.diffs));
    for (const auto &d : o.diffs)
      UNSCOPED_INFO(d);
    CHECK(o.diffs.empty());
  }
}

TEST_CASE("pg ddl replay oracle: every PostgreSQL migration folder of the repository and what tether "
          "generates",
          "[pg_replay][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  std::vector<std::string> dirs = {sourceDir() + "/migrations/postgresql"};
  // Folders tether itself writes, plain and --online, from the example models and an evolution of them.
  const std::string models = sourceDir() + "/examples/ecommerce";
  for (bool online : {false, true}) {
    const std::string dir = tmp.file(online ? "gen-online" : "gen");
    std::vector<std::string> args = {"migrate", "new", "initial",   "--models",  models,
                                     "--dir",   dir,   "--dialect", "postgresql"};
    if (online) args.push_back("--online");
    RunResult r = runTether(args);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
    dirs.push_back(dir);
  }
  for (const auto &dir : dirs) {
    Outcome o = compare(dir, db.url());
    INFO(dir << "\nserver: " << o.realError << "\noffline: " << o.offlineError);
    REQUIRE(o.realOk);
    REQUIRE(o.offlineOk);
    for (const auto &d : o.diffs)
      UNSCOPED_INFO(d);
    CHECK(o.diffs.empty());
  }
}

TEST_CASE("pg ddl replay oracle: the lint corpora and fixtures never replay offline to a wrong schema",
          "[pg_replay][postgres]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  std::vector<std::string> dirs = corpusFolders(tmp, sourceDir() + "/bench/lint/corpus");
  int k = 0;
  const std::string base =
      readFile(sourceDir() + "/bench/lint/corpus/squawk-ban-drop-column-bad/0001_base.up.sql");
  for (const char *root : {"/tests/fixtures/lint/postgresql", "/tests/fixtures/realdb",
                           "/tests/fixtures/postgres", "/fuzz/seeds/lint"}) {
    std::error_code ec;
    for (const auto &e : fs::directory_iterator(sourceDir() + root, ec)) {
      if (e.path().extension() != ".sql" || e.path().filename().string().find("sqlite") != std::string::npos)
        continue;
      const std::string sql = withoutPublic(readFile(e.path().string()));
      if (sql.find('\0') != std::string::npos) continue; // refused before it is read (migrate tests)
      dirs.push_back(writeFolder(tmp, "f" + std::to_string(++k), {sql}));
      // Most lint fixtures alter the corpus's base tables: after them, too.
      dirs.push_back(writeFolder(tmp, "f" + std::to_string(++k), {base, sql}));
    }
  }
  const bool verbose = std::getenv("TETHER_REPLAY_ORACLE_VERBOSE") != nullptr;
  int same = 0, refused = 0, bothFail = 0, serverOnlyFails = 0;
  std::vector<std::string> wrong;
  for (const auto &dir : dirs) {
    // Schemas outlive the throwaway one the --dev-db replay works in: a folder that creates or drops
    // one gets a database of its own.
    std::string all;
    for (const auto &m : readMigrationDir(dir).versions)
      all += m.upSql;
    std::unique_ptr<PgDatabase> own;
    if (toLower(all).find("schema") != std::string::npos) own = std::make_unique<PgDatabase>();
    Outcome o = compare(dir, own ? own->url() : db.url());
    if (o.realOk && o.offlineOk) {
      if (o.diffs.empty())
        ++same;
      else
        wrong.push_back(dir + ":\n  " + cols(o.diffs));
    } else if (o.realOk) {
      ++refused;
      if (verbose) std::cout << "refused: " << o.offlineError << "\n";
      // Refusing is honest; rejecting SQL the server ran is a replay bug, except a COMMIT or BEGIN in
      // a file tether runs in one transaction, which migrate apply refuses (the --dev-db replay does not).
      if (o.offlineKind != ErrorKind::Unsupported &&
          o.offlineError.find("transaction control") == std::string::npos)
        wrong.push_back(dir + ": offline rejected " + o.offlineError);
    } else if (!o.offlineOk) {
      ++bothFail;
    } else {
      ++serverOnlyFails;
      if (verbose) std::cout << "the server refused, offline did not: " << dir << ": " << o.realError << "\n";
    }
  }
  std::cout << "offline replay oracle over " << dirs.size() << " folders: " << same << " identical, "
            << refused << " refused (--dev-db needed), " << bothFail << " failing on both, "
            << serverOnlyFails << " failing on the server only\n";
  for (const auto &w : wrong)
    UNSCOPED_INFO(w);
  CHECK(wrong.empty());
  // Of the folders the server runs, the offline replay models nearly all.
  CHECK(same >= (same + refused) * 9 / 10);
}

TEST_CASE("pg ddl replay oracle: time of the offline replay against the --dev-db replay",
          "[pg_replay][postgres][bench]") {
  REQUIRE_PG();
  PgDatabase db;
  TempDir tmp;
  const std::string dir = writeFolder(tmp, "bench", handWritten()[0]);
  const MigrationDir history = readMigrationDir(dir);
  auto time = [&](const std::string &url) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 5; ++i)
      replaySchema(history, -1, pgDialect(), url);
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / 5;
  };
  double offline = time(""), devDb = time(db.url());
  std::cout << "replay of a 5-version history: offline " << offline << " ms, --dev-db " << devDb << " ms\n";
  CHECK(offline > 0);
  CHECK(devDb > 0);
}
