#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tether {

struct ColumnRef {
  std::string table; // unqualified table name, "" when it cannot be told
  std::string column;
  bool operator==(const ColumnRef &o) const { return table == o.table && column == o.column; }
};

// What a fingerprinted statement does, as far as N+1 detection cares.
struct ShapeInfo {
  enum class Kind { Read, Write, Begin, End, Other };
  Kind kind = Kind::Other;
  bool catalog = false;              // reads the system catalogs (pg_*, information_schema, sqlite_master)
  std::vector<std::string> tables;   // FROM and JOIN tables at the top level, in order
  std::vector<ColumnRef> equalities; // `column = value` in the top-level WHERE
  std::vector<std::pair<ColumnRef, ColumnRef>> joins; // `column = column` in WHERE or ON
  // An equality is `column = ANY(?)`: a lookup only when the array bound has one element (a batch
  // loader of size 1); with more it is a batch.
  bool anyArray = false;

  // A read that looks rows up by equality on some column: what an N+1 repeats.
  bool lookup() const { return kind == Kind::Read && !catalog && !tables.empty() && !equalities.empty(); }
};

// Reads a fingerprint (fingerprintSql's text: tokens separated by single spaces).
ShapeInfo analyzeShape(std::string_view fingerprint);

} // namespace tether
