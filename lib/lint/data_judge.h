#pragma once
#include "lint/analyzer.h"
#include <map>
#include <optional>
#include <string>

namespace tether {
class Connection;
}

namespace tether::lint {

// Rows at or above which a lock on a table is worth an error; below, the lock is brief.
constexpr long long kLockRowThreshold = 1000;

// Judges candidates against the live data: counts duplicates, NULLs, values too long and table
// sizes with read-only queries (identifiers quoted for the dialect, values bound). A table that
// does not exist yet (made by an earlier pending migration) leaves the candidate as it was.
class DataJudge {
public:
  explicit DataJudge(Connection &db) : db_(db) {}
  // Adjusts severity and message; false when the candidate should be dropped (a data-only
  // candidate the data does not prove failing).
  bool judge(Candidate &c);

private:
  Connection &db_;
  std::map<std::string, std::optional<long long>> rowCounts_;

  std::string table(const Operation &op) const;
  std::string placeholder() const;
  std::optional<long long> count(const std::string &sql, const std::vector<std::string> &params = {});
  std::optional<long long> rowsUpTo(const Operation &op); // min(rows, threshold)
  void judgeLock(Candidate &c);
  void judgeData(Candidate &c);
  // PostgreSQL: a type change the catalog shows to be a widening of a varchar (no rewrite, nothing
  // to truncate). Fills `current` with the column's type as the database spells it.
  bool isVarcharWidening(const Operation &op, std::string &current);
  std::string currentType(const Operation &op); // pg_catalog.format_type of the column, "" when unknown
  bool judgeTypeChange(Candidate &c);           // true when the catalog decided
  void judgeOrphans(Candidate &c);
  bool judgeVolatility(Candidate &c); // true when pg_proc shows no volatile function
};

} // namespace tether::lint
