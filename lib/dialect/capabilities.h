#pragma once
#include <optional>
#include <string>

namespace tether {

// What differs between databases in tether's own bookkeeping and in the reads its checks make,
// asked of the Dialect (lib/dialect/dialect.h) so no code outside lib/dialect names a database.

// The SQL of tether's revision table (tether_migrations). `{}` in a template stands for the
// column or expression it is applied to.
struct RevisionTableSql {
  std::string text, timestamp, bigint, integer; // column types
  std::string now;                              // the current time as the timestamp column stores it
  std::string elapsedMs;                        // milliseconds since the timestamp column {}
  std::string asText;                           // the expression {} read back as text
  bool addColumnIfNotExists = false;            // ALTER TABLE … ADD COLUMN IF NOT EXISTS
};

// Catalog reads, each taking its parameters in the dialect's own placeholders. Empty where the
// database keeps no such catalog: the check that needs it then says nothing rather than guess.
struct CatalogQueries {
  std::string columnNames;           // (table) → one row per column name, in the current schema
  std::string columnType;            // (qualified table, column) → the type as the database spells it
  std::string functionCount;         // (function name) → how many functions have that name
  std::string volatileFunctionCount; // (function name) → how many of them are volatile
};

// A lock the database itself holds for one session (PostgreSQL's advisory locks). Every statement
// takes the lock key as its one parameter.
struct AdvisoryLockSql {
  std::string tryLock; // → one row whose first value is "t" when taken
  std::string unlock;
  std::string holders; // → pid, application, client address of the session holding it
  std::string hint;    // what to do about a stuck holder
};

// A string template with each `{}` replaced by `what`.
inline std::string fillTemplate(const std::string &pattern, const std::string &what) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{}") == 0) {
      out += what;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

} // namespace tether
