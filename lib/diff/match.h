#pragma once
#include "diff/column_rules.h"
#include "model/schema.h"

namespace tether {

// Definition equality used to pair model objects with database objects. Unnamed model objects
// match by definition alone; named ones must also carry the same name.

// NO ACTION is what a database reports for an FK that declared no action.
bool sameFkAction(FkAction a, FkAction b);
bool sameForeignKeyDefinition(const ForeignKey &a, const ForeignKey &b);
bool matchesForeignKey(const ForeignKey &model, const ForeignKey &db);
bool matchesUnique(const UniqueConstraint &model, const UniqueConstraint &db);
// Every option compared: elements (column or expression, order, nulls, operator class), method,
// predicate, INCLUDE and NULLS NOT DISTINCT; SQL text through the dialect's comparison.
bool matchesIndex(const Index &model, const Index &db, const ColumnRules &rules);

// True when converting a column from `from` to `to` can lose data or reject existing rows
// (a shorter string, a smaller integer, a different kind of value).
bool isNarrowing(const ColumnType &from, const ColumnType &to);

} // namespace tether
