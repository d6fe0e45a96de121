#pragma once
#include "dialect/postgres/pg_replay_json.h"
#include "dialect/postgres/pg_replay_state.h"
#include <string>

namespace tether::pg::replay {

// Where a constraint is written decides what PostgreSQL makes of it: a foreign key declared in
// CREATE TABLE or with a new column is valid whatever NOT VALID says, and CREATE TABLE folds a
// UNIQUE that repeats the primary key or another UNIQUE.
enum class ConstraintContext { CreateTable, AddColumn, AlterTable };

void createTable(const Json &stmt, ReplayState &s);
// ALTER TABLE … ADD COLUMN: the column and the constraints written on it.
void addColumn(const std::string &table, const Json &columnDef, bool ifNotExists, ReplayState &s);
// A PRIMARY KEY, UNIQUE, CHECK, EXCLUDE or FOREIGN KEY constraint; `column` for one written on a
// column.
void addConstraint(const std::string &table, const Json &con, const std::string &column,
                   ConstraintContext ctx, ReplayState &s);
void dropColumn(const std::string &table, const std::string &column, bool cascade, bool missingOk,
                ReplayState &s);
void dropConstraint(const std::string &table, const std::string &name, bool cascade, bool missingOk,
                    ReplayState &s);
// The foreign keys of any table that reference `columns` of `table` (as a set): what a dropped
// key or column takes along with CASCADE, or what makes the drop fail without it.
void dropReferencingKeys(const std::string &table, const std::vector<std::string> &columns, bool cascade,
                         const std::string &what, ReplayState &s);

} // namespace tether::pg::replay
