#include "dialect/postgres/pg_introspect_checks.h"
#include "dialect/postgres/pg_array.h"
#include "dialect/postgres/pg_check_expr.h"
#include "dialect/postgres/pg_quote.h"
#include <regex>

namespace tether::pg {

namespace {
const char *const kChecksQuery =
    R"(SELECT c.relname, con.conname, pg_catalog.pg_get_constraintdef(con.oid),
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
             ORDER BY k.ord)
FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND con.contype = 'c' AND con.conislocal AND con.convalidated AND NOT con.connoinherit
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'tether\_%'
ORDER BY c.relname, con.conname)";

// PostgreSQL prints `kind IN ('a', 'b')` on a varchar column as an ANY over a varchar array cast
// to text[]; written back so, it would print differently on the database built from it. The IN
// list it came from prints back the same.
std::string asInList(const std::string &sql) {
  static const std::regex whole(R"(^\(([a-z_][a-z0-9_]*)\)::text = ANY \(\(ARRAY\[(.+)\]\)::text\[\]\)$)");
  static const std::regex element(R"(^\s*('(?:[^']|'')*')::character varying\s*(,|$))");
  std::smatch m;
  if (!std::regex_match(sql, m, whole)) return sql;
  std::string rest = m[2].str(), list;
  while (!rest.empty()) {
    std::smatch e;
    if (!std::regex_search(rest, e, element)) return sql;
    list += (list.empty() ? "" : ", ") + e[1].str();
    rest = e.suffix().str();
  }
  return m[1].str() + " IN (" + list + ")";
}

std::string text(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}
} // namespace

std::vector<Row> readChecks(const CatalogQuery &run, const std::string &schema) {
  return run(kChecksQuery, {schema});
}

void addChecks(const std::vector<Row> &rows, Schema &s) {
  for (const Row &r : rows) {
    CheckConstraint c;
    c.name = text(r, 1);
    c.sql = asInList(checkExpressionOf(text(r, 2)));
    c.columns = parseTextArray(text(r, 3));
    if (Table *t = s.table(text(r, 0))) {
      t->checks.push_back(c);
      continue;
    }
    // A table introspection does not model keeps its check as it was: unmanaged.
    s.unmanaged.push_back(
        {"check_constraint",
         c.name,
         text(r, 0),
         "ALTER TABLE " + quoteIdent(text(r, 0)) + " ADD CONSTRAINT " + quoteIdent(c.name) + " " + text(r, 2),
         {}});
  }
}

} // namespace tether::pg
