#pragma once
#include "model/schema.h"
#include <string>

namespace tether::sqlite {

// The declared type tether writes for a model column (the model format's SQLite column).
std::string renderType(const Column &c);
// A declared type in one spelling: upper case, single spaces, none around parentheses and commas.
std::string normalizeDeclaredType(const std::string &declared);
// Does the declared type of `db` mean the model column's type? Case-insensitive, with the
// aliases SQLite's affinity rules make equivalent (INT/INTEGER, REAL/FLOAT, DECIMAL/NUMERIC …).
bool sameType(const Column &model, const Column &db);
// The model type a declared type reads back as (for inspect); unknown spellings stay custom.
ColumnType modelTypeOf(const std::string &declared);
// Is `declared` the type that makes a lone primary key an alias of the rowid?
bool isRowidAliasType(const std::string &declared);

} // namespace tether::sqlite
