#include "lint/rules.h"
#include "dialect/postgres/postgres.h"
#include "dialect/sqlite/sqlite.h"

namespace tether::lint {

const std::vector<RuleInfo> &lintRules() {
  static const std::vector<RuleInfo> rules = {
      {"syntax-error", Severity::Error, RuleCategory::Syntax,
       "The statement does not parse: the migration will fail when it reaches it.",
       "Fix the statement at the reported position.", nullptr},
      {"unknown-nolint-rule", Severity::Warning, RuleCategory::Syntax,
       "A -- tether:nolint comment names a rule that does not exist, so it silences nothing.",
       "Spell the rule as the finding's check shows it (e.g. drop-table), or remove the comment.", nullptr},
      {"drop-table", Severity::Error, RuleCategory::Destructive,
       "Dropping a table deletes its rows for good, and code still reading it breaks.",
       "Stop using the table in a release first, back it up, then drop it in a later migration (and say so "
       "with -- tether:nolint drop-table <reason>).",
       nullptr},
      {"drop-column", Severity::Error, RuleCategory::Destructive,
       "Dropping a column deletes its values for good, and code still selecting it breaks.",
       "Stop reading and writing the column in a release first, then drop it in a later migration.", nullptr},
      {"drop-constraint", Severity::Warning, RuleCategory::Destructive,
       "Without the constraint the database stops guarding the data: bad rows can get in.",
       "Make sure the application enforces the rule, or replace the constraint in the same migration.",
       nullptr},
      {"truncate", Severity::Error, RuleCategory::Destructive,
       "TRUNCATE (or DELETE without WHERE) removes every row of the table.",
       "Delete only the rows meant to go, with a WHERE clause, or move the data elsewhere first.", nullptr},
      {"add-unique-constraint", Severity::Warning, RuleCategory::DataDependent,
       "Adding a unique constraint or unique index to an existing table fails if rows already share a value; "
       "on PostgreSQL ADD CONSTRAINT UNIQUE also builds its index under an ACCESS EXCLUSIVE lock.",
       "Remove the duplicates first; on PostgreSQL build the index with CREATE UNIQUE INDEX CONCURRENTLY, "
       "then ADD CONSTRAINT … UNIQUE USING INDEX.",
       nullptr},
      {"set-not-null", Severity::Warning, RuleCategory::DataDependent,
       "Making an existing column NOT NULL fails if any row holds NULL.",
       "Backfill the NULLs first (UPDATE … SET col = … WHERE col IS NULL, in batches), then add NOT NULL.",
       nullptr},
      {"add-not-null-column-without-default", Severity::Error, RuleCategory::DataDependent,
       "A NOT NULL column without a default cannot be added to a table that has rows: every existing row "
       "would be NULL.",
       "Add the column with a DEFAULT, or add it nullable, backfill, then SET NOT NULL.", nullptr},
      {"narrowing-type-change", Severity::Warning, RuleCategory::DataDependent,
       "Changing a column to a narrower type fails (or truncates) when existing values do not fit.",
       "Check the longest/largest existing value first, or widen instead: varchar(n) to text never fails.",
       postgresDialect},
      {"create-index-without-concurrently", Severity::Error, RuleCategory::LockUnsafe,
       "CREATE INDEX on an existing table blocks every write to it (SHARE lock) for the whole build.",
       "CREATE INDEX CONCURRENTLY, in a migration marked -- tether:no-transaction.", postgresDialect},
      {"concurrently-in-transaction", Severity::Error, RuleCategory::LockUnsafe,
       "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block: the migration fails.",
       "Put the statement in its own migration marked -- tether:no-transaction, without BEGIN/COMMIT.",
       postgresDialect},
      {"add-foreign-key-without-not-valid", Severity::Error, RuleCategory::LockUnsafe,
       "ADD FOREIGN KEY locks both tables against writes while it checks every existing row.",
       "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a separate step (it takes a "
       "weaker lock).",
       postgresDialect},
      {"add-check-without-not-valid", Severity::Error, RuleCategory::LockUnsafe,
       "ADD CHECK scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.",
       "ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a separate step.", postgresDialect},
      {"set-not-null-without-check", Severity::Error, RuleCategory::LockUnsafe,
       "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS "
       "NOT NULL) already proves it.",
       "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL (no "
       "scan, PostgreSQL 12+); then DROP CONSTRAINT c.",
       postgresDialect},
      {"column-type-rewrite", Severity::Error, RuleCategory::LockUnsafe,
       "ALTER COLUMN TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except a few "
       "binary-compatible changes such as varchar(n) to text).",
       "Add a new column of the new type, backfill it in batches, switch the code over, then drop the old "
       "column.",
       postgresDialect},
      {"volatile-default", Severity::Error, RuleCategory::LockUnsafe,
       "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), a serial) "
       "computes a value per row: a full table rewrite under an ACCESS EXCLUSIVE lock.",
       "Add the column without a default (or with a constant one), set the default for new rows, and "
       "backfill existing rows in batches.",
       postgresDialect},
      {"missing-lock-timeout", Severity::Warning, RuleCategory::LockUnsafe,
       "DDL waiting for its lock behind a long transaction blocks every query queued after it; without "
       "lock_timeout the wait has no end.",
       "Start the migration with SET lock_timeout = '5s' (and retry on timeout).", postgresDialect},
      {"nolint-without-reason", Severity::Warning, RuleCategory::Syntax,
       "A -- tether:nolint comment without a reason silences a finding with nobody able to tell why later.",
       "Say why after the rule name: -- tether:nolint drop-table archived to s3 in #123.", nullptr},
      {"psql-meta-command", Severity::Info, RuleCategory::Syntax,
       "psql meta-commands (\\set, \\connect, …) and COPY … FROM stdin data are psql input, not SQL: tether "
       "skips them when linting, and a runner that sends SQL to the server cannot run them.",
       "Keep migrations plain SQL: replace \\set variables with literals and COPY FROM stdin with INSERT.",
       postgresDialect},
      {"do-block-not-checked", Severity::Info, RuleCategory::Syntax,
       "A DO block runs SQL built at run time (EXECUTE) or in a language tether cannot read: the DDL inside "
       "is not checked.",
       "Write the DDL as plain statements, or check the block by hand (-- tether:nolint do-block-not-checked "
       "<reason>).",
       postgresDialect},
      {"transaction-nesting", Severity::Error, RuleCategory::Syntax,
       "BEGIN inside a transaction (the one tether migrate apply wraps each migration in, or an earlier "
       "BEGIN) only warns on PostgreSQL; the COMMIT that follows then ends the runner's transaction early, "
       "so a later failure leaves the migration half applied.",
       "Remove BEGIN/COMMIT (the runner already wraps the file), or mark the file -- tether:no-transaction.",
       nullptr},
      {"uncommitted-transaction", Severity::Error, RuleCategory::Syntax,
       "A BEGIN without a COMMIT before the end of the file leaves the transaction open: what the file did "
       "is rolled back, or held under its locks, when the session ends.",
       "End the transaction with COMMIT in the same file.", nullptr},
      {"drop-schema", Severity::Error, RuleCategory::Destructive,
       "DROP SCHEMA (with CASCADE, everything in it) deletes its tables and their rows for good.",
       "Drop the schema's objects one by one in a later release, after checking nothing uses them.",
       postgresDialect},
      {"drop-database", Severity::Error, RuleCategory::Destructive,
       "DROP DATABASE deletes every table and row in it; it cannot even run inside a migration's "
       "transaction.",
       "Drop databases by hand, outside migrations.", postgresDialect},
      {"unique-constraint-builds-index", Severity::Error, RuleCategory::LockUnsafe,
       "ADD UNIQUE, ADD PRIMARY KEY and ADD COLUMN … UNIQUE build a unique index on an existing table while "
       "holding an ACCESS EXCLUSIVE lock: reads and writes wait for the whole build.",
       "Two migrations: CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS in one marked -- "
       "tether:no-transaction, "
       "then ADD CONSTRAINT … UNIQUE (or PRIMARY KEY) USING INDEX in the next.",
       postgresDialect},
      {"add-exclude-constraint", Severity::Error, RuleCategory::LockUnsafe,
       "ADD CONSTRAINT … EXCLUDE builds its index while holding an ACCESS EXCLUSIVE lock, and there is no "
       "USING INDEX form to build it beforehand.",
       "Add it to a new or empty table, or in a maintenance window with a lock_timeout.", postgresDialect},
      {"drop-index-without-concurrently", Severity::Warning, RuleCategory::LockUnsafe,
       "DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: queued behind a long query, it "
       "blocks "
       "every read and write after it.",
       "DROP INDEX CONCURRENTLY IF EXISTS, in a migration marked -- tether:no-transaction.", postgresDialect},
      {"not-valid-validate-same-transaction", Severity::Error, RuleCategory::LockUnsafe,
       "ADD CONSTRAINT … NOT VALID takes an ACCESS EXCLUSIVE (a foreign key: SHARE ROW EXCLUSIVE) lock that "
       "a "
       "transaction holds until it ends: VALIDATE in the same transaction scans the table under it, which is "
       "what NOT VALID was meant to avoid.",
       "Two migrations: ADD CONSTRAINT … NOT VALID in one, VALIDATE CONSTRAINT in the next (or mark the file "
       "-- tether:no-transaction).",
       postgresDialect},
      {"lock-hazard", Severity::Error, RuleCategory::LockUnsafe,
       "The statement holds a lock that blocks writes (or reads and writes) on an existing table while it "
       "scans, rewrites or builds: VACUUM FULL, CLUSTER, REINDEX, REFRESH MATERIALIZED VIEW, SET TABLESPACE, "
       "SET LOGGED and the other entries of the lock table in docs/cli.md.",
       "Use the CONCURRENTLY form where there is one (REINDEX, REFRESH MATERIALIZED VIEW), or run it in a "
       "maintenance window.",
       postgresDialect},
      {"missing-statement-timeout", Severity::Warning, RuleCategory::LockUnsafe,
       "A statement that scans or rewrites an existing table under a lock that blocks writes runs as long as "
       "the table is big; without statement_timeout nothing bounds how long the application waits.",
       "SET statement_timeout = '5min'; before it (and plan the change online if it needs longer).",
       postgresDialect},
      {"drop-not-null", Severity::Warning, RuleCategory::BackwardIncompatible,
       "After DROP NOT NULL the column can hold NULLs that the application version still running does not "
       "expect.",
       "Make every reader handle NULL in a release first, then drop the constraint.", postgresDialect},
      {"rename-enum-value", Severity::Warning, RuleCategory::BackwardIncompatible,
       "Code still writing the old enum label fails once it is renamed.",
       "Add the new value, move writers over, update the rows, then stop using the old value.",
       postgresDialect},
      {"enum-value-order", Severity::Warning, RuleCategory::BackwardIncompatible,
       "ADD VALUE … BEFORE/AFTER puts the new label between existing ones: ORDER BY and < > comparisons on "
       "the "
       "column change meaning for code that relies on the order.",
       "Add the value at the end (no BEFORE/AFTER) unless the order is meant to change.", postgresDialect},
      {"prefer-if-exists", Severity::Warning, RuleCategory::Robustness,
       "A step outside a transaction (CREATE/DROP INDEX CONCURRENTLY) that fails halfway is not rolled back: "
       "rerunning the migration then fails on the index that is already there (or gone).",
       "CREATE INDEX CONCURRENTLY IF NOT EXISTS / DROP INDEX CONCURRENTLY IF EXISTS.", postgresDialect},
      {"foreign-key-orphans", Severity::Error, RuleCategory::DataDependent,
       "Rows whose foreign key points at no row of the referenced table make ADD FOREIGN KEY (or its "
       "VALIDATE) fail. Only --db can tell.",
       "Delete or fix the orphan rows first, or add the key NOT VALID and validate after the cleanup.",
       postgresDialect},
      {"prefer-bigint", Severity::Warning, RuleCategory::Style,
       "integer and smallint columns overflow at 2^31 (2^15); changing them later rewrites the table.",
       "Use bigint.", postgresDialect},
      {"prefer-identity", Severity::Warning, RuleCategory::Style,
       "serial types are a sequence glued on by a default, with ownership and permission quirks.",
       "bigint GENERATED BY DEFAULT AS IDENTITY.", postgresDialect},
      {"prefer-text", Severity::Warning, RuleCategory::Style,
       "varchar(n) gains nothing over text in PostgreSQL, and raising n later is a migration.",
       "Use text, with a CHECK (length(col) <= n) if the limit matters.", postgresDialect},
      {"prefer-timestamptz", Severity::Warning, RuleCategory::Style,
       "timestamp without time zone stores a wall-clock time with no zone: the same value means different "
       "instants to clients in different zones.",
       "Use timestamptz.", postgresDialect},
      {"ban-char-type", Severity::Warning, RuleCategory::Style,
       "char(n) pads with spaces and compares with surprising trailing-space rules.",
       "Use text (or varchar).", postgresDialect},
      {"identifier-too-long", Severity::Warning, RuleCategory::Style,
       "PostgreSQL cuts identifiers to 63 bytes without an error: two long names can collide, and the "
       "name in the catalog differs from the one in the code.",
       "Keep names at or under 63 bytes.", postgresDialect},
      {"require-schema", Severity::Warning, RuleCategory::Style,
       "An unqualified table name lands wherever search_path points when the migration runs.",
       "Qualify the table with its schema: public.users.", postgresDialect},
      {"rename-table", Severity::Warning, RuleCategory::BackwardIncompatible,
       "The application version still running during the deploy reads the old table name and breaks.",
       "Create the new table (or a view under the old name), move reads and writes over in a release, then "
       "drop the old name.",
       nullptr},
      {"rename-column", Severity::Warning, RuleCategory::BackwardIncompatible,
       "The application version still running during the deploy reads the old column name and breaks.",
       "Add the new column, write both, backfill, move reads over in a release, then drop the old column.",
       nullptr},
      {"rebuild-with-foreign-keys-on", Severity::Error, RuleCategory::SqliteRebuild,
       "A table rebuild (DROP TABLE + ALTER TABLE … RENAME) with foreign keys on cascades or fails on the "
       "DROP, and rewrites references in other tables. tether migrate apply switches them off around each "
       "migration; a file that switches them on, or another runner, does not.",
       "Leave foreign keys off during the rebuild: no PRAGMA foreign_keys = ON before it; with other "
       "runners, PRAGMA foreign_keys = OFF outside the transaction (it is a no-op inside one), ON after.",
       sqliteDialect},
      {"rebuild-without-foreign-key-check", Severity::Warning, RuleCategory::SqliteRebuild,
       "With foreign keys off during a rebuild, nothing checks that the rebuilt table's rows still satisfy "
       "the foreign keys.",
       "Run PRAGMA foreign_key_check after the rename and fail the migration if it returns rows.",
       sqliteDialect},
  };
  return rules;
}

const RuleInfo *findRule(const std::string &name) {
  for (const auto &r : lintRules())
    if (name == r.name) return &r;
  return nullptr;
}

const char *categoryName(RuleCategory c) {
  switch (c) {
  case RuleCategory::Syntax:
    return "syntax";
  case RuleCategory::Destructive:
    return "destructive";
  case RuleCategory::DataDependent:
    return "data-dependent";
  case RuleCategory::LockUnsafe:
    return "lock-unsafe";
  case RuleCategory::BackwardIncompatible:
    return "backward-incompatible";
  case RuleCategory::SqliteRebuild:
    return "sqlite-rebuild";
  case RuleCategory::Robustness:
    return "robustness";
  case RuleCategory::Style:
    return "style";
  }
  return "";
}

} // namespace tether::lint
