#include "lint/rules.h"

namespace tether::lint {

const std::vector<RuleInfo> &lintRules() {
  static const std::vector<RuleInfo> rules = {
      {"syntax-error", Severity::Error, RuleCategory::Syntax,
       "The statement does not parse: the migration will fail when it reaches it.",
       "Fix the statement at the reported position.", ""},
      {"unknown-nolint-rule", Severity::Warning, RuleCategory::Syntax,
       "A -- tether:nolint comment names a rule that does not exist, so it silences nothing.",
       "Spell the rule as the finding's check shows it (e.g. drop-table), or remove the comment.", ""},
      {"drop-table", Severity::Error, RuleCategory::Destructive,
       "Dropping a table deletes its rows for good, and code still reading it breaks.",
       "Stop using the table in a release first, back it up, then drop it in a later migration (and say so "
       "with -- tether:nolint drop-table <reason>).",
       ""},
      {"drop-column", Severity::Error, RuleCategory::Destructive,
       "Dropping a column deletes its values for good, and code still selecting it breaks.",
       "Stop reading and writing the column in a release first, then drop it in a later migration.", ""},
      {"drop-constraint", Severity::Warning, RuleCategory::Destructive,
       "Without the constraint the database stops guarding the data: bad rows can get in.",
       "Make sure the application enforces the rule, or replace the constraint in the same migration.", ""},
      {"truncate", Severity::Error, RuleCategory::Destructive,
       "TRUNCATE (or DELETE without WHERE) removes every row of the table.",
       "Delete only the rows meant to go, with a WHERE clause, or move the data elsewhere first.", ""},
      {"add-unique-constraint", Severity::Warning, RuleCategory::DataDependent,
       "Adding a unique constraint or unique index to an existing table fails if rows already share a value; "
       "on PostgreSQL ADD CONSTRAINT UNIQUE also builds its index under an ACCESS EXCLUSIVE lock.",
       "Remove the duplicates first; on PostgreSQL build the index with CREATE UNIQUE INDEX CONCURRENTLY, "
       "then ADD CONSTRAINT … UNIQUE USING INDEX.",
       ""},
      {"set-not-null", Severity::Warning, RuleCategory::DataDependent,
       "Making an existing column NOT NULL fails if any row holds NULL.",
       "Backfill the NULLs first (UPDATE … SET col = … WHERE col IS NULL, in batches), then add NOT NULL.",
       ""},
      {"add-not-null-column-without-default", Severity::Error, RuleCategory::DataDependent,
       "A NOT NULL column without a default cannot be added to a table that has rows: every existing row "
       "would be NULL.",
       "Add the column with a DEFAULT, or add it nullable, backfill, then SET NOT NULL.", ""},
      {"narrowing-type-change", Severity::Warning, RuleCategory::DataDependent,
       "Changing a column to a narrower type fails (or truncates) when existing values do not fit.",
       "Check the longest/largest existing value first, or widen instead: varchar(n) to text never fails.",
       "postgresql"},
      {"create-index-without-concurrently", Severity::Error, RuleCategory::LockUnsafe,
       "CREATE INDEX on an existing table blocks every write to it (SHARE lock) for the whole build.",
       "CREATE INDEX CONCURRENTLY, in a migration marked -- tether:no-transaction.", "postgresql"},
      {"concurrently-in-transaction", Severity::Error, RuleCategory::LockUnsafe,
       "CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction block: the migration fails.",
       "Put the statement in its own migration marked -- tether:no-transaction, without BEGIN/COMMIT.",
       "postgresql"},
      {"add-foreign-key-without-not-valid", Severity::Error, RuleCategory::LockUnsafe,
       "ADD FOREIGN KEY locks both tables against writes while it checks every existing row.",
       "ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE CONSTRAINT in a separate step (it takes a "
       "weaker lock).",
       "postgresql"},
      {"add-check-without-not-valid", Severity::Error, RuleCategory::LockUnsafe,
       "ADD CHECK scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes.",
       "ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a separate step.", "postgresql"},
      {"set-not-null-without-check", Severity::Error, RuleCategory::LockUnsafe,
       "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock unless a validated CHECK (col IS "
       "NOT NULL) already proves it.",
       "ADD CONSTRAINT c CHECK (col IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT c; then SET NOT NULL (no "
       "scan, PostgreSQL 12+); then DROP CONSTRAINT c.",
       "postgresql"},
      {"column-type-rewrite", Severity::Error, RuleCategory::LockUnsafe,
       "ALTER COLUMN TYPE rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (except a few "
       "binary-compatible changes such as varchar(n) to text).",
       "Add a new column of the new type, backfill it in batches, switch the code over, then drop the old "
       "column.",
       "postgresql"},
      {"volatile-default", Severity::Error, RuleCategory::LockUnsafe,
       "ADD COLUMN with a volatile default (random(), gen_random_uuid(), clock_timestamp(), a serial) "
       "computes a value per row: a full table rewrite under an ACCESS EXCLUSIVE lock.",
       "Add the column without a default (or with a constant one), set the default for new rows, and "
       "backfill existing rows in batches.",
       "postgresql"},
      {"missing-lock-timeout", Severity::Warning, RuleCategory::LockUnsafe,
       "DDL waiting for its lock behind a long transaction blocks every query queued after it; without "
       "lock_timeout the wait has no end.",
       "Start the migration with SET lock_timeout = '5s' (and retry on timeout).", "postgresql"},
      {"rename-table", Severity::Warning, RuleCategory::BackwardIncompatible,
       "The application version still running during the deploy reads the old table name and breaks.",
       "Create the new table (or a view under the old name), move reads and writes over in a release, then "
       "drop the old name.",
       ""},
      {"rename-column", Severity::Warning, RuleCategory::BackwardIncompatible,
       "The application version still running during the deploy reads the old column name and breaks.",
       "Add the new column, write both, backfill, move reads over in a release, then drop the old column.",
       ""},
      {"rebuild-with-foreign-keys-on", Severity::Error, RuleCategory::SqliteRebuild,
       "A table rebuild (DROP TABLE + ALTER TABLE … RENAME) with foreign keys on cascades or fails on the "
       "DROP, and rewrites references in other tables. tether migrate apply switches them off around each "
       "migration; a file that switches them on, or another runner, does not.",
       "Leave foreign keys off during the rebuild: no PRAGMA foreign_keys = ON before it; with other "
       "runners, PRAGMA foreign_keys = OFF outside the transaction (it is a no-op inside one), ON after.",
       "sqlite"},
      {"rebuild-without-foreign-key-check", Severity::Warning, RuleCategory::SqliteRebuild,
       "With foreign keys off during a rebuild, nothing checks that the rebuilt table's rows still satisfy "
       "the foreign keys.",
       "Run PRAGMA foreign_key_check after the rename and fail the migration if it returns rows.", "sqlite"},
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
  }
  return "";
}

} // namespace tether::lint
