#pragma once
#include "core/source_loc.h"
#include "model/check_constraint.h"
#include "model/column_type.h"
#include "model/deferrable.h"
#include "model/generated_value.h"
#include "model/index_key.h"
#include "model/sequence.h"
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tether {

enum class FkAction { None, Cascade, SetNull, SetDefault, Restrict, NoAction };
const char *fkActionSql(FkAction a); // "" for None
std::optional<FkAction> parseFkAction(const std::string &s);
// An ON DELETE action as the model writes it: "SET NULL" or "SET NULL (customer_id)". False when
// the text is no action, or a column list follows an action other than SET NULL / SET DEFAULT.
bool parseDeleteAction(const std::string &s, FkAction &action, std::vector<std::string> &columns);

// A server default: the kind decides how a dialect renders and compares it.
struct ColumnDefault {
  enum class Kind { None, Number, Boolean, String, Sql } kind = Kind::None;
  std::string value; // the number, "true"/"false", the unquoted string, or the SQL expression
  bool present() const { return kind != Kind::None; }
  bool operator==(const ColumnDefault &o) const { return kind == o.kind && value == o.value; }
  bool operator!=(const ColumnDefault &o) const { return !(*this == o); }
};

struct Column {
  std::string name;
  ColumnType type;
  std::string dbType; // as the database spells it (introspected schemas only)
  bool nullable = true;
  bool autoincrement = false;
  ColumnDefault defaultValue; // the server default (DDL)
  ComputedColumn computed;    // a generated column: no default, no writes
  IdentityColumn identity;    // implies autoincrement
  Sequence sequence;          // a named sequence it draws from (not owned, no DDL on the column)
  // ORM-only, kept so a model file can say what the application says; never DDL.
  std::string pythonDefault; // version 2 `default:`, SQLAlchemy's default=
  std::string onUpdate;      // SQLAlchemy's onupdate=
  std::string comment;
  std::string renamedFrom;
  std::string collation; // COLLATE: "" is the type's (the database's) default
  SourceLoc loc;
};

struct ForeignKey {
  std::string name; // empty: the database names it
  std::vector<std::string> columns;
  std::string refTable; // "schema.table" when refSchema is set
  // A table of another schema, which the models do not describe (PostgreSQL): kept and rendered
  // qualified, never resolved to a model. Empty: a table of the models' own schema.
  std::string refSchema;
  std::vector<std::string> refColumns;
  FkAction onDelete = FkAction::None;
  // ON DELETE SET NULL (a) / SET DEFAULT (a): only these of the key's columns (PostgreSQL 15).
  std::vector<std::string> onDeleteColumns;
  FkAction onUpdate = FkAction::None;
  bool notValid = false; // PostgreSQL: exists but rows were never checked
  Deferrability deferral;
  // The referenced table's own name, without its schema.
  std::string refTableName() const {
    return refSchema.empty() ? refTable : refTable.substr(refSchema.size() + 1);
  }
  SourceLoc loc;
};

// The ON DELETE action with its column list, names as they are: "SET NULL (customer_id)".
std::string deleteActionText(const ForeignKey &fk);

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  SourceLoc loc;
  Deferrability deferral;
};

struct Index {
  std::string name;
  std::vector<std::string> columns; // per element: a column name, or an expression's SQL text
  bool unique = false;
  std::string method;    // "btree" unless the database says otherwise
  std::string predicate; // partial index WHERE clause (SQL text)
  bool hasExpressions = false;
  // PostgreSQL: left INVALID by an interrupted CREATE INDEX CONCURRENTLY; enforces nothing, so it
  // matches no model index and is rebuilt.
  bool invalid = false;
  SourceLoc loc;
  std::vector<IndexKey> keys;       // per element of `columns`; empty: all plain ascending columns
  std::vector<std::string> include; // INCLUDE columns (PostgreSQL)
  bool nullsNotDistinct = false;    // PostgreSQL 15 NULLS NOT DISTINCT
};

struct Table {
  std::string name;
  std::string renamedFrom;
  std::string modelName; // the ORM class, empty for plain tables
  std::vector<Column> columns;
  std::vector<std::string> primaryKey;
  std::string primaryKeyName;
  Deferrability primaryKeyDeferral; // PostgreSQL: PRIMARY KEY … DEFERRABLE
  std::vector<ForeignKey> foreignKeys;
  std::vector<UniqueConstraint> uniques;
  std::vector<Index> indexes;
  std::vector<CheckConstraint> checks;
  std::string comment;
  std::string partitionBy; // PostgreSQL partitioned table: "RANGE (created_at)"; "" for a plain table
  std::string createSql;   // the CREATE TABLE text the database stores, where it keeps one (SQLite)
  SourceLoc loc;

  const Column *column(const std::string &n) const;
  Column *column(const std::string &n);
  bool isPrimaryKey(const std::string &col) const;
  // True when `cols` (in any order) are exactly the primary key, a unique constraint or a
  // unique index: what makes a lookup by them return at most one row.
  bool isUniqueSet(const std::vector<std::string> &cols) const;
  // A UNIQUE on exactly the primary-key columns adds nothing; both databases fold it away.
  bool uniqueIsPrimaryKey(const UniqueConstraint &u) const;
};

struct EnumTypeDef {
  std::string name;
  std::vector<std::string> values;
  SourceLoc loc;
};

// A live object tether does not model (a view, a trigger, an expression index, a partition…).
// tether never drops or alters it: it is listed by inspect, left alone by plan, and created from
// its definition only when the database lacks it (so an inspected model rebuilds an empty
// database whole).
struct UnmanagedObject {
  std::string kind;       // view, materialized_view, trigger, function, index, partition, …
  std::string name;       // as the database names it
  std::string table;      // the table it belongs to; "" for free-standing objects
  std::string definition; // the complete statement that creates it, verbatim
  SourceLoc loc;
  // Types, functions and sequences must exist before the tables that use them.
  bool precedesTables() const;
  // Lives inside its table: a SQLite rebuild or a dropped table takes it along.
  bool partOfTable() const;
};

// The neutral schema: what the models declare, or what a database holds.
struct Schema {
  // The database schema an introspection read ("public"); empty for models and for SQLite. Models
  // may name it explicitly (public.users.id), which means the same as naming no schema.
  std::string name;
  std::vector<Table> tables;
  std::vector<EnumTypeDef> enums; // PostgreSQL native enums
  std::vector<UnmanagedObject> unmanaged;
  // PostgreSQL's partitions (leaf or sub-partitioned) as the audit needs them: their keys, every
  // index, the foreign keys they declare themselves (not those cloned from the parent, whose
  // orphans the parent's key counts). Read-only facts: never modelled, written or diffed (the
  // partitions themselves are unmanaged objects).
  std::vector<Table> partitions;
  // A database's free-standing sequences whose options a model can state (start, increment); those
  // no column default names are also listed in `unmanaged`. Models name theirs on columns.
  std::vector<Sequence> sequences;

  const UnmanagedObject *unmanagedObject(const std::string &kind, const std::string &name) const;

  const Table *table(const std::string &n) const;
  Table *table(const std::string &n);
};

// Tables by name, for passes that look up many: Schema::table looks through the list, which on a
// 2,000-table schema made such a pass quadratic. Valid while `s.tables` is not changed; a repeated
// name finds the first, as Schema::table does.
using TablesByName = std::unordered_map<std::string_view, const Table *>;
TablesByName tablesByName(const Schema &s);

// What a database has a type of its own for. Where it has none, a type with create_constraint=True
// brings a CHECK, as SQLAlchemy's create_all() does.
struct NativeTypes {
  bool booleans = true;
  bool enums = true;
};

// The schema as one dialect builds it: every with_variant() type replaced by that dialect's, and
// the CHECKs its types bring where the dialect lacks the native type. Idempotent.
Schema forDialect(const Schema &s, const std::string &dialect, NativeTypes native);

bool sameColumnSet(std::vector<std::string> a, std::vector<std::string> b);

} // namespace tether
