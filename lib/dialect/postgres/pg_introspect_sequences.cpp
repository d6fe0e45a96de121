#include "dialect/postgres/pg_introspect_sequences.h"
#include <algorithm>
#include <limits>
#include <map>

namespace tether::pg {

namespace {
const char *const kFreeSequences =
    R"(SELECT s.relname, sq.seqstart, sq.seqincrement, pg_catalog.format_type(sq.seqtypid, NULL),
       sq.seqmin, sq.seqmax, sq.seqcache, sq.seqcycle
FROM pg_catalog.pg_class s JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
WHERE n.nspname = $1 AND s.relkind = 'S' AND s.relpersistence <> 't'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend o WHERE o.classid = 'pg_catalog.pg_class'::regclass
                  AND o.objid = s.oid AND o.deptype IN ('a', 'i', 'e'))
ORDER BY s.relname)";

// Column defaults that depend on a free-standing sequence (pg_depend records the nextval()'s
// regclass argument), with the sequence's own schema when it is another one. The free-standing
// sequences are found first: most databases have none or few, and starting from every column
// default instead (a serial column's included) costs a third of a 2,000-table plan's catalog time.
const char *const kSequenceDefaults = R"(WITH s AS MATERIALIZED (
  SELECT s.oid, s.relname, s.relnamespace FROM pg_catalog.pg_class s
  WHERE s.relkind = 'S'
    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend o WHERE o.classid = 'pg_catalog.pg_class'::regclass
                    AND o.objid = s.oid AND o.deptype IN ('a', 'i')))
SELECT c.relname, a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid), sn.nspname, s.relname,
       sq.seqstart, sq.seqincrement, pg_catalog.format_type(sq.seqtypid, NULL), sq.seqmin, sq.seqmax,
       sq.seqcache, sq.seqcycle
FROM s
JOIN pg_catalog.pg_depend dep ON dep.refobjid = s.oid AND dep.refclassid = 'pg_catalog.pg_class'::regclass
     AND dep.classid = 'pg_catalog.pg_attrdef'::regclass
JOIN pg_catalog.pg_attrdef d ON d.oid = dep.objid
JOIN pg_catalog.pg_class c ON c.oid = d.adrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
WHERE n.nspname = $1 AND a.attgenerated = ''
ORDER BY c.relname, a.attname)";

std::string text(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}
long long number(const Row &r, size_t i) {
  return std::stoll(text(r, i));
}

Sequence sequenceOf(const std::string &name, const std::string &start, const std::string &increment) {
  Sequence seq;
  seq.name = name;
  if (start != "1") seq.start = std::stoll(start);
  if (increment != "1") seq.increment = std::stoll(increment);
  return seq;
}

// The 8 columns from `from`: start, increment, type, min, max, cache, cycle.
bool plainAt(const Row &r, size_t from) {
  return plainSequenceOptions(text(r, from + 2), number(r, from + 1), number(r, from + 3),
                              number(r, from + 4), number(r, from + 5), text(r, from + 6) == "t");
}
} // namespace

bool plainSequenceOptions(const std::string &type, long long increment, long long min, long long max,
                          long long cache, bool cycle) {
  constexpr long long lo = std::numeric_limits<long long>::min(), hi = std::numeric_limits<long long>::max();
  bool bounds = increment > 0 ? (min == 1 && max == hi) : (min == lo && max == -1);
  return type == "bigint" && bounds && cache == 1 && !cycle;
}

SequenceRows readSequences(const CatalogQuery &run, const std::string &schema) {
  return {run(kFreeSequences, {schema}), run(kSequenceDefaults, {schema})};
}

void addSequences(const SequenceRows &read, const std::string &schema, Schema &s) {
  for (const Row &r : read.freeSequences)
    if (plainAt(r, 1)) s.sequences.push_back(sequenceOf(text(r, 0), text(r, 1), text(r, 2)));

  std::map<std::pair<std::string, std::string>, int> uses; // a default calling two sequences is not one's
  const std::vector<Row> &rows = read.columnDefaults;
  for (const Row &r : rows)
    ++uses[{text(r, 0), text(r, 1)}];
  for (const Row &r : rows) {
    Table *t = s.table(text(r, 0));
    Column *c = t ? t->column(text(r, 1)) : nullptr;
    if (!c) continue;
    // Not a serial: the default is the column's own, kept as the database prints it.
    c->autoincrement = false;
    c->defaultValue = ColumnDefault{ColumnDefault::Kind::Sql, text(r, 2)};
    if (uses[{text(r, 0), text(r, 1)}] != 1 || !plainAt(r, 5)) continue;
    Sequence seq = sequenceOf(text(r, 4), text(r, 5), text(r, 6));
    if (text(r, 3) != schema) {
      seq.schema = text(r, 3);
      if (std::none_of(s.sequences.begin(), s.sequences.end(),
                       [&](const Sequence &x) { return x.qualifiedName() == seq.qualifiedName(); }))
        s.sequences.push_back(seq);
    }
    c->sequence = seq;
    if (seq.schema.empty())
      s.unmanaged.erase(std::remove_if(s.unmanaged.begin(), s.unmanaged.end(),
                                       [&](const UnmanagedObject &u) {
                                         return u.kind == "sequence" && u.name == seq.name;
                                       }),
                        s.unmanaged.end());
  }
}

} // namespace tether::pg
