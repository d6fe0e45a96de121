#pragma once
#include "dialect/dialect.h"
#include "model/schema.h"

namespace tether::sqlite {

// The table rebuild of https://www.sqlite.org/lang_altertable.html#otheralter: create the new
// shape under a temporary name, copy the rows (rowids kept), drop the old table, rename the new
// one, recreate its indexes and check its foreign keys. `recreate` are the table's triggers and
// unmanaged indexes, which DROP TABLE took along: they are put back as written. `children` are the tables
// whose foreign keys point at this one, checked as well.
// What the stored CREATE TABLE text says that a rebuilt table would lose, because the model
// format does not carry it yet ("a CHECK constraint", "AUTOINCREMENT"…); "" when nothing.
// `checksModelled`: the table's CHECK constraints were all read into the schema, so it keeps them.
std::string lostByRebuild(const std::string &createSql, bool checksModelled = false);

std::vector<SqlStep> rebuildTable(const Table &before, const Table &after,
                                  const std::vector<std::string> &children, const std::string &description,
                                  int change, const std::vector<UnmanagedObject> &recreate = {});

} // namespace tether::sqlite
