#include "dialect/postgres/pg_fragment.h"
#include "core/error.h"
#include "core/large_stack.h"
#include "core/nesting_bound.h"
#include <pg_query.h>

namespace tether::pg {

namespace {
// Parses the fragment inside a statement of our own; one statement back means the fragment
// closed nothing it did not open and added no statement of its own.
void requireOneStatement(const std::string &wrapped, const std::string &fragment, const std::string &what,
                         const std::string &expected) {
  const std::string hint = "a model fragment is one " + expected + ", with no ';' and no further statement";
  if (auto deep = findExcessiveNesting(fragment))
    throw Error(what + " is too deeply nested: " + deep->message, {}, hint);
  PgQuerySplitResult r;
  runWithLargeStack([&] { r = pg_query_split_with_parser(wrapped.c_str()); });
  bool ok = !r.error && r.n_stmts == 1;
  std::string why = r.error && r.error->message ? r.error->message : "";
  pg_query_free_split_result(r);
  if (!ok)
    throw Error(what + " '" + fragment + "' is not a single PostgreSQL " + expected +
                    (why.empty() ? "" : " (" + why + ")"),
                {}, hint);
}
} // namespace

void requireOneExpression(const std::string &expr, const std::string &what) {
  requireOneStatement("SELECT (" + expr + "\n)", expr, what, "expression");
}

void requireOneType(const std::string &type, const std::string &what) {
  requireOneStatement("CREATE TABLE tether_fragment_check (c " + type + "\n)", type, what, "type");
}

} // namespace tether::pg
