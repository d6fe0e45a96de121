#pragma once
#include "diff/change.h"
#include "model/schema.h"
#include <string>
#include <vector>

namespace tether {

// One statement of a rendered plan.
struct SqlStep {
  std::string sql;
  std::string description; // what it does, from the Change
  int change = -1;         // index of the Change it renders (-1: bookkeeping such as PRAGMA)
  // false for statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY,
  // ALTER TYPE … ADD VALUE before PG 12): --online applies those one by one.
  bool transactional = true;
};

struct RenderOptions {
  bool online = false; // PostgreSQL: lock-safe DDL for live tables
};

// What a dialect knows without a connection: how to spell types and defaults, how to compare a
// model column with a database column, how to render changes. No neutral code includes a
// dialect's own header; everything goes through this interface.
class Dialect {
public:
  virtual ~Dialect() = default;
  virtual std::string name() const = 0; // "sqlite", "postgresql"
  virtual std::string quoteIdent(const std::string &ident) const = 0;
  virtual std::string quoteLiteral(const std::string &value) const = 0;
  virtual std::string renderType(const Column &c) const = 0;
  // Is the database column (introspected: dbType filled) the same type as the model column?
  virtual bool sameType(const Column &model, const Column &db) const = 0;
  virtual bool sameDefault(const Column &model, const Column &db) const = 0;
  // The name the database gives an unnamed index/constraint; lets the differ match by name too.
  virtual bool supportsNativeEnums() const = 0;
  // Renders the ordered changes. `current` is the live schema (the SQLite rebuild needs it),
  // `desired` the target.
  virtual std::vector<SqlStep> render(const std::vector<Change> &changes, const Schema &current,
                                      const Schema &desired, const RenderOptions &opts) const = 0;
  // Maps a database type back to a model type, for `inspect`.
  virtual ColumnType modelTypeOf(const Column &db) const = 0;
};

} // namespace tether
