#pragma once
#include "diff/change.h"
#include "model/schema.h"

namespace tether {

// Applies one change to a schema as the database would: renames carry over to every reference
// (FK targets, constraint and index columns), as both SQLite and PostgreSQL rewrite them.
// Lets the differ compare against "current after renames" and lets renderers (and migrations)
// know the state between steps.
void applyChange(Schema &schema, const Change &change);

// A column's new name in its table: the column, and its place in the key, constraints and indexes.
void renameColumnInTable(Table &t, const std::string &from, const std::string &to);
// Every `from` in a list of column names becomes `to`.
void renameIn(std::vector<std::string> &names, const std::string &from, const std::string &to);

} // namespace tether
