#pragma once
#include "dialect/dialect.h"
#include "dialect/query_stats.h"
#include "model/schema.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tether {

using Row = std::vector<std::optional<std::string>>;

// Orphan rows of one declared foreign key, as a database's own checker counts them.
struct NativeOrphanCount {
  std::string table;
  std::vector<std::string> columns;
  std::string refTable;
  long long count = 0;
  std::vector<std::vector<std::optional<std::string>>> examples; // a few orphans' FK values
};

// A schema introspect() leaves out that holds tables, so `inspect` can say what its file lacks.
struct OtherSchema {
  std::string name;
  long long tables = 0;
};

// A live database. Implementations live in lib/dialect/<name>/ and are created by
// lib/drivers from a URL; nothing else names them.
class Connection {
public:
  virtual ~Connection() = default;
  virtual const Dialect &dialect() const = 0;
  // The live schema, with tether's own tables left out.
  virtual Schema introspect() = 0;
  // The other schemas holding tables (not the system's, not tether's throwaway replay schemas);
  // empty where a database has one schema.
  virtual std::vector<OtherSchema> otherSchemas() { return {}; }
  // Runs the steps in one transaction; on failure rolls back and throws Error naming the
  // statement and the database's message. Non-transactional steps (only with --online) run
  // one by one after the transactional ones.
  virtual void apply(const std::vector<SqlStep> &steps) = 0;
  // A read query with bound parameters ($1… on PostgreSQL, ? on SQLite).
  virtual std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params = {}) = 0;
  // Statements with no result, outside any transaction tether opens.
  virtual void execute(const std::string &sql) = 0;
  // Databases with a built-in foreign key checker (SQLite's PRAGMA foreign_key_check) count the
  // orphans of their declared FKs faster than any query can; nullopt where there is none or it
  // cannot run. Only FKs with orphans are listed.
  virtual std::optional<std::vector<NativeOrphanCount>> nativeOrphanCounts() { return std::nullopt; }
  // Per-statement statistics the database keeps (calls, rows, time per normalised statement), read
  // without writing anything. Databases that keep none say so in `unavailable`.
  virtual QueryStatsRead queryStats() {
    QueryStatsRead r;
    r.unavailable =
        displayName() + " keeps no per-statement statistics; read a snapshot with --query-stats FILE";
    return r;
  }
  // The URL with its password masked, for messages.
  virtual std::string displayName() const = 0;
};

} // namespace tether
