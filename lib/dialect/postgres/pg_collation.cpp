#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/pg_render_parts.h"

namespace tether::pg {

// A collation is an object of its own (pg_collation), named like a table: quoted as an identifier,
// so "C" and "en_US" keep their case. One the database lacks is its error at apply, as it would be
// for create_all().
std::string collateClause(const Column &c) {
  return c.collation.empty() ? "" : " COLLATE " + quoteIdent(c.collation);
}

} // namespace tether::pg
