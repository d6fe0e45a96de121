#pragma once
#include "lint/lock_levels.h"
#include <string>
#include <vector>

namespace tether::lint {

// What one statement does to the schema, in terms the rules understand, whichever parser read it.
enum class OpKind {
  CreateTable,
  DropTable,
  Truncate, // also DELETE without WHERE
  AddColumn,
  DropColumn,
  RenameTable,
  RenameColumn,
  AlterColumnType,
  SetNotNull,
  AddConstraint,
  DropConstraint,
  ValidateConstraint,
  CreateIndex,
  DropIndex,
  SetLockTimeout,
  Begin,
  Commit,
  ForeignKeysPragma, // SQLite: PRAGMA foreign_keys = …; `enabled` says which
  ForeignKeyCheck,   // SQLite: PRAGMA foreign_key_check
  Update,            // UPDATE … SET columns: a backfill before SET NOT NULL
  CopyRows,          // INSERT INTO table (columns) SELECT sourceColumns FROM newName: a rebuild's copy
  DropNotNull,
  SetStatementTimeout,
  DropSchema,      // also DROP DATABASE (`unique` false) — `newName` says which: "schema" or "database"
  AddEnumValue,    // ALTER TYPE table ADD VALUE newName [BEFORE/AFTER column]
  RenameEnumValue, // ALTER TYPE table RENAME VALUE column TO newName
  CreateView,      // CREATE [OR REPLACE] VIEW table
  DoBlock,         // DO $$ … $$: `columns` holds the SQL its body runs
  PsqlMeta,        // a psql meta-command or COPY … FROM stdin data, skipped
  Other,           // any other statement: only its lock matters
};

enum class ConstraintKind { None, Unique, PrimaryKey, ForeignKey, Check, Exclude, Other };

struct Operation {
  OpKind kind = OpKind::CreateTable;
  size_t offset = 0; // byte offset in the file, for the finding's position
  std::string schema, table;
  std::string column;               // the column acted on
  std::vector<std::string> columns; // unique/index keys
  std::string newName;              // renames
  // Column types (ADD COLUMN, ALTER COLUMN TYPE), e.g. "varchar(10)"
  std::string typeName;
  std::string baseType; // "varchar", "int4", … lower case without modifiers
  long long typeLength = -1;
  bool notNull = false, hasDefault = false, volatileDefault = false;
  std::string defaultFunction; // the volatile function in the default, for the message
  ConstraintKind constraint = ConstraintKind::None;
  std::string constraintName;
  bool notValid = false;
  bool usingIndex = false;    // ADD CONSTRAINT … UNIQUE USING INDEX: already built
  std::string checkNotNullOf; // a CHECK (col IS NOT NULL): which column
  bool concurrently = false;
  bool unique = false;
  bool enabled = false; // SET lock_timeout to a non-zero value; PRAGMA foreign_keys = ON
  // SQLite CREATE TABLE: the new table's shape, for judging a rebuild's copy against the data.
  std::vector<std::string> tableColumns, notNullColumns;
  std::vector<std::vector<std::string>> uniqueKeys;
  // CopyRows: the SELECT's expressions, a column name each, or "" for anything else.
  std::vector<std::string> sourceColumns;
  // The lock the statement takes on `table`, from the lock table; nullptr: none worth knowing.
  const LockEntry *lock = nullptr;
  bool ifExists = false;   // IF [NOT] EXISTS: safe to run again after a half-done non-transactional step
  std::string expression;  // an expression or partial index's keys / WHERE, as written, for messages
  std::string oldTypeName; // ALTER COLUMN TYPE: the type before, when an earlier statement showed it
  std::vector<std::string> functions; // every function a default calls (lower case)
  bool enumPositioned = false;        // ADD VALUE … BEFORE/AFTER
};

struct Statement {
  size_t begin = 0, end = 0;        // the statement's text, leading comments excluded, `;` excluded
  std::vector<std::string> nolint;  // rules silenced by `-- tether:nolint rule reason`
  bool nolintWithoutReason = false; // a nolint comment gave rule names but no reason
  bool outsideTransaction = false;  // followed by tether's "-- (runs outside the transaction)"
  std::vector<Operation> ops;
  bool syntaxError = false;
  std::string errorMessage;
  size_t errorOffset = 0;
};

} // namespace tether::lint
