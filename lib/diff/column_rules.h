#pragma once
#include "model/schema.h"
#include <string>

namespace tether {

// What the differ needs to know about a database without naming one: when a model column and a
// live column are the same. Each dialect implements it; the differ sees only this.
class ColumnRules {
public:
  virtual ~ColumnRules() = default;
  // The dialect's name, which also picks a model's per-dialect spellings (type variants).
  virtual std::string name() const = 0;
  // Is the database column (introspected: dbType filled) the same type as the model column?
  virtual bool sameType(const Column &model, const Column &db) const = 0;
  virtual bool sameDefault(const Column &model, const Column &db) const = 0;
  // Enum types are objects of their own (CREATE TYPE) rather than a column's text type.
  virtual bool supportsNativeEnums() const = 0;
  // Booleans are a type of their own rather than integers 0 and 1.
  virtual bool supportsNativeBooleans() const = 0;
  NativeTypes nativeTypes() const { return {supportsNativeBooleans(), supportsNativeEnums()}; }
  // Is a model's SQL expression (an index element or predicate, a CHECK, a computed column) the
  // database's? The database prints it back its own way (PostgreSQL adds parentheses and casts);
  // the dialect knows how. The default compares the text with whitespace collapsed.
  virtual bool sameSqlExpression(const std::string &model, const std::string &db) const;
  // Both computed (or both not), stored alike, with the same expression as the database prints it.
  virtual bool sameComputed(const Column &model, const Column &db) const = 0;
  // Identity columns are a column property of their own (SQLite has none: SQLAlchemy leaves
  // Identity() out of its DDL, and the rowid numbers rows).
  virtual bool supportsIdentity() const = 0;
  // Do the model's `collation:` and the database's name the same collation ("" is the type's
  // default)? The default compares the names exactly, as PostgreSQL does.
  virtual bool sameCollation(const Column &model, const Column &db) const;
  // Named sequences are objects of their own (SQLite has none: SQLAlchemy leaves Sequence() out of
  // its DDL there, and the rowid numbers rows).
  virtual bool supportsSequences() const { return false; }
  // A foreign key depends on the primary key it references, so the key cannot be dropped (to be
  // added back otherwise) while one points at it: PostgreSQL. SQLite rebuilds the table instead.
  virtual bool keysDependOnPrimaryKey() const { return false; }
};

} // namespace tether
