#include "lint/lock_levels.h"
#include <stdexcept>

namespace tether::lint {

namespace {
constexpr LockLevel AE = LockLevel::AccessExclusive, EX = LockLevel::Exclusive,
                    SRE = LockLevel::ShareRowExclusive, SH = LockLevel::Share,
                    SUE = LockLevel::ShareUpdateExclusive, RE = LockLevel::RowExclusive,
                    NONE = LockLevel::None;
constexpr LockDuration I = LockDuration::Instant, S = LockDuration::Scan, R = LockDuration::Rewrite,
                       B = LockDuration::Build;
} // namespace

const std::vector<LockEntry> &lockTable() {
  static const std::vector<LockEntry> table = {
      // ALTER TABLE, one entry per subcommand.
      {"ALTER TABLE … ADD COLUMN", AE, I,
       "a volatile default, identity or stored generated column rewrites the table; a constant default "
       "rewrites only before PostgreSQL 11"},
      {"ALTER TABLE … DROP COLUMN", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN TYPE", AE, R,
       "no rewrite for binary-coercible changes (varchar(n) to larger or text, numeric precision up, "
       "timestamp precision up, cidr to inet); indexes are still rebuilt when the collation or operator "
       "class changes"},
      {"ALTER TABLE … ALTER COLUMN SET DEFAULT", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN DROP DEFAULT", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN SET NOT NULL", AE, S,
       "PostgreSQL 12+: no scan when a validated CHECK (col IS NOT NULL) proves it"},
      {"ALTER TABLE … ALTER COLUMN DROP NOT NULL", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN ADD GENERATED … AS IDENTITY", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN SET GENERATED / RESTART", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN DROP IDENTITY", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN DROP EXPRESSION", AE, R, "PostgreSQL 13+"},
      {"ALTER TABLE … ALTER COLUMN SET STATISTICS", SUE, I, "SHARE UPDATE EXCLUSIVE since 9.4"},
      {"ALTER TABLE … ALTER COLUMN SET ( attribute_option )", SUE, I, "SHARE UPDATE EXCLUSIVE since 9.4"},
      {"ALTER TABLE … ALTER COLUMN SET STORAGE", AE, I, ""},
      {"ALTER TABLE … ALTER COLUMN SET COMPRESSION", AE, I, "PostgreSQL 14+"},
      {"ALTER TABLE … ADD CONSTRAINT UNIQUE", AE, B, "builds a unique index while holding the lock"},
      {"ALTER TABLE … ADD CONSTRAINT PRIMARY KEY", AE, B,
       "builds a unique index (and sets NOT NULL, a scan) while holding the lock"},
      {"ALTER TABLE … ADD CONSTRAINT EXCLUDE", AE, B, "builds its index while holding the lock"},
      {"ALTER TABLE … ADD CONSTRAINT … USING INDEX", AE, I,
       "PRIMARY KEY USING INDEX still scans for NULLs unless the columns are NOT NULL"},
      {"ALTER TABLE … ADD CONSTRAINT CHECK", AE, S, "NOT VALID: no scan"},
      {"ALTER TABLE … ADD CONSTRAINT CHECK … NOT VALID", AE, I, ""},
      {"ALTER TABLE … ADD CONSTRAINT FOREIGN KEY", SRE, S,
       "on both tables; SHARE ROW EXCLUSIVE since 9.5 (ACCESS EXCLUSIVE before)"},
      {"ALTER TABLE … ADD CONSTRAINT FOREIGN KEY … NOT VALID", SRE, I, "on both tables"},
      {"ALTER TABLE … VALIDATE CONSTRAINT", SUE, S,
       "SHARE UPDATE EXCLUSIVE since 9.4 (ACCESS EXCLUSIVE before); a foreign key also takes ROW SHARE "
       "on the referenced table"},
      {"ALTER TABLE … DROP CONSTRAINT", AE, I, ""},
      {"ALTER TABLE … ALTER CONSTRAINT", AE, I, ""},
      {"ALTER TABLE … RENAME TO", AE, I, ""},
      {"ALTER TABLE … RENAME COLUMN", AE, I, ""},
      {"ALTER TABLE … RENAME CONSTRAINT", AE, I, ""},
      {"ALTER TABLE … ENABLE / DISABLE TRIGGER", SRE, I, ""},
      {"ALTER TABLE … ENABLE / DISABLE RULE", AE, I, ""},
      {"ALTER TABLE … ENABLE / DISABLE / FORCE ROW LEVEL SECURITY", AE, I, ""},
      {"ALTER TABLE … CLUSTER ON / SET WITHOUT CLUSTER", SUE, I, ""},
      {"ALTER TABLE … SET ( storage_parameter )", SUE, I,
       "fillfactor, autovacuum and toast settings take SHARE UPDATE EXCLUSIVE; others ACCESS EXCLUSIVE"},
      {"ALTER TABLE … SET TABLESPACE", AE, R, "copies every block"},
      {"ALTER TABLE … SET ACCESS METHOD", AE, R, "PostgreSQL 15+"},
      {"ALTER TABLE … SET LOGGED / UNLOGGED", AE, R, ""},
      {"ALTER TABLE … INHERIT / NO INHERIT", AE, I, ""},
      {"ALTER TABLE … OF / NOT OF", AE, I, ""},
      {"ALTER TABLE … OWNER TO", AE, I, ""},
      {"ALTER TABLE … REPLICA IDENTITY", AE, I, ""},
      {"ALTER TABLE … ATTACH PARTITION", SUE, S,
       "on the parent since PostgreSQL 12 (ACCESS EXCLUSIVE before); the partition is scanned under "
       "ACCESS EXCLUSIVE unless a CHECK proves the bound"},
      {"ALTER TABLE … DETACH PARTITION", AE, I, ""},
      {"ALTER TABLE … DETACH PARTITION CONCURRENTLY", SUE, I, "PostgreSQL 14+, not in a transaction"},
      {"ALTER TABLE … (other subcommand)", AE, I, "the lock ALTER TABLE takes unless a weaker one applies"},
      // Indexes.
      {"CREATE INDEX", SH, B, "blocks writes, not reads"},
      {"CREATE INDEX CONCURRENTLY", SUE, B, "not in a transaction; waits for older transactions"},
      {"DROP INDEX", AE, I, "on the index's table"},
      {"DROP INDEX CONCURRENTLY", SUE, I, "not in a transaction"},
      {"ALTER INDEX … RENAME", SUE, I,
       "SHARE UPDATE EXCLUSIVE since PostgreSQL 12 (ACCESS EXCLUSIVE before)"},
      {"ALTER INDEX … SET TABLESPACE", AE, R, ""},
      {"REINDEX", SH, B,
       "SHARE on the table and ACCESS EXCLUSIVE on each index rebuilt: queries that plan with the index "
       "wait too"},
      {"REINDEX CONCURRENTLY", SUE, B, "PostgreSQL 12+, not in a transaction"},
      // Whole-table maintenance.
      {"VACUUM FULL", AE, R, ""},
      {"VACUUM", SUE, S, "not in a transaction"},
      {"ANALYZE", SUE, S, ""},
      {"CLUSTER", AE, R, ""},
      {"TRUNCATE", AE, I, ""},
      {"LOCK TABLE", AE, I, "the mode named (ACCESS EXCLUSIVE when none is)"},
      {"REFRESH MATERIALIZED VIEW", AE, R, ""},
      {"REFRESH MATERIALIZED VIEW CONCURRENTLY", EX, R, "blocks writes, not reads; needs a unique index"},
      // Tables, views, triggers and others.
      {"CREATE TABLE", NONE, I, "a REFERENCES clause takes SHARE ROW EXCLUSIVE on the referenced table"},
      {"DROP TABLE", AE, I, "also ACCESS EXCLUSIVE on tables it references"},
      {"CREATE TRIGGER", SRE, I, "SHARE ROW EXCLUSIVE since 9.5 (ACCESS EXCLUSIVE before)"},
      {"DROP TRIGGER", AE, I, ""},
      {"CREATE RULE", AE, I, ""},
      {"CREATE POLICY / ALTER POLICY / DROP POLICY", AE, I, ""},
      {"CREATE STATISTICS", SUE, I, ""},
      {"CREATE OR REPLACE VIEW / DROP VIEW", AE, I, "on the view"},
      {"ALTER DOMAIN … ADD CONSTRAINT", SH, S,
       "on every table with a column of the domain, while each is checked; NOT VALID: no scan"},
      {"ALTER TYPE … ADD VALUE", NONE, I,
       "no table lock; not in a transaction before PostgreSQL 12, and the new value is unusable until "
       "the transaction commits"},
      {"ALTER TYPE … RENAME VALUE", NONE, I, "PostgreSQL 10+"},
      {"UPDATE / DELETE", RE, S, "row locks on every row touched"},
      {"INSERT", RE, I, ""},
  };
  return table;
}

const LockEntry &lockEntry(const std::string &statement) {
  for (const auto &e : lockTable())
    if (statement == e.statement) return e;
  throw std::logic_error("lock table has no entry for " + statement);
}

const char *lockLevelName(LockLevel l) {
  switch (l) {
  case LockLevel::None:
    return "no table lock";
  case LockLevel::AccessShare:
    return "ACCESS SHARE";
  case LockLevel::RowShare:
    return "ROW SHARE";
  case LockLevel::RowExclusive:
    return "ROW EXCLUSIVE";
  case LockLevel::ShareUpdateExclusive:
    return "SHARE UPDATE EXCLUSIVE";
  case LockLevel::Share:
    return "SHARE";
  case LockLevel::ShareRowExclusive:
    return "SHARE ROW EXCLUSIVE";
  case LockLevel::Exclusive:
    return "EXCLUSIVE";
  case LockLevel::AccessExclusive:
    return "ACCESS EXCLUSIVE";
  }
  return "";
}

const char *lockDurationName(LockDuration d) {
  switch (d) {
  case LockDuration::Instant:
    return "instant";
  case LockDuration::Scan:
    return "scan";
  case LockDuration::Rewrite:
    return "rewrite";
  case LockDuration::Build:
    return "build";
  }
  return "";
}

std::string lockEffect(LockLevel l) {
  if (blocksReads(l)) return "reads and writes";
  if (blocksWrites(l)) return "writes";
  if (l == LockLevel::ShareUpdateExclusive) return "other DDL and VACUUM";
  return "nothing";
}

} // namespace tether::lint
