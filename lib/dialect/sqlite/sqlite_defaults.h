#pragma once
#include "model/schema.h"
#include <string>

namespace tether::sqlite {

// The DEFAULT clause expression for a model default ("" when there is none).
std::string renderDefault(const ColumnDefault &d);
// Reads the default expression SQLite stores (pragma table_info's dflt_value).
ColumnDefault parseDefault(const std::string &stored);
// Do a model default and a database default mean the same value?
bool sameDefault(const ColumnDefault &model, const ColumnDefault &db);
// Can ALTER TABLE ADD COLUMN use this default (SQLite refuses expressions and CURRENT_*)?
bool isConstantDefault(const ColumnDefault &d);

} // namespace tether::sqlite
