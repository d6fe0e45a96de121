#pragma once
#include "model/schema.h"
#include <sqlite3.h>
#include <string>

namespace tether::sqlite {

// tether's own bookkeeping tables (tether_migrations, …) and rebuild leftovers: never part of a
// schema it compares.
bool isTetherTable(const std::string &name);

// The live schema in four queries whatever the number of tables: sqlite_master, and
// pragma_table_info / pragma_foreign_key_list / pragma_index_list+pragma_index_info joined to it.
// Names that only the stored CREATE TABLE text carries are read from it with the tokenizer.
Schema introspect(sqlite3 *db);

} // namespace tether::sqlite
