#pragma once
#include "dialect/dialect.h"
#include "model/schema.h"
#include <vector>

namespace tether::pg {

// The schema a folder of PostgreSQL migrations produces, with no database: each file parsed with
// libpg_query (PostgreSQL's own parser) and its statements applied, in order, to an empty schema.
// The result reads as introspectSchema() would read the database the files ran on: the same type
// spellings, the names the server gives unnamed constraints, serials as autoincrement, views,
// triggers, CHECKs and expression indexes as unmanaged objects. Statements with no schema meaning
// (SET, data changes, GRANT, ANALYZE) are skipped. Throws Error naming file:line, never guessing:
// ErrorKind::Unsupported for a statement the replay cannot model exactly (a DO block running DDL,
// a default PostgreSQL would reformat, anything unknown), ErrorKind::Syntax for SQL that does not
// parse, ErrorKind::Database for a statement PostgreSQL would reject (a missing table).
Schema replayDdl(const std::vector<ReplayFile> &files);

} // namespace tether::pg
