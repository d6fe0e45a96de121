#pragma once
#include "model/schema.h"
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tether::sqlite {

// What the stored CREATE TABLE text says that the pragmas do not: a column's COLLATE and a
// foreign key's DEFERRABLE [INITIALLY DEFERRED]. SQLite honours both.

// The built-in collations (BINARY, NOCASE, RTRIM) spelled in capitals; any other name as written.
std::string collationName(const std::string &written);
bool isBuiltinCollation(const std::string &name);

// column name → the collation its definition names.
std::map<std::string, std::string> columnCollations(std::string_view createTableSql);
// Where the column definitions' COLLATE keywords start: the ones the model carries.
std::set<size_t> columnCollateOffsets(std::string_view createTableSql);

struct ForeignKeyTiming {
  std::vector<std::string> columns;
  Deferrability deferral;
};
// Every foreign key clause of the text (table constraints and column REFERENCES), with its columns.
std::vector<ForeignKeyTiming> foreignKeyTimings(std::string_view createTableSql);
// Copies each clause's deferrability onto the foreign key on the same columns.
void readForeignKeyTimings(Table &t);

// `check --dialect sqlite`: what a table of the model asks that SQLite cannot build (a deferrable
// UNIQUE, an unknown collation), each with the position of the element that asks.
std::vector<std::pair<SourceLoc, std::string>> unsupportedTableOptions(const Table &t);

} // namespace tether::sqlite
