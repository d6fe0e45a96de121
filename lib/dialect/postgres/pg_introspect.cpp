#include "dialect/postgres/pg_introspect.h"
#include "core/strings.h"
#include "dialect/postgres/pg_array.h"
#include "dialect/postgres/pg_defaults.h"
#include "dialect/postgres/pg_introspect_checks.h"
#include "dialect/postgres/pg_introspect_indexes.h"
#include "dialect/postgres/pg_introspect_sequences.h"
#include "dialect/postgres/pg_introspect_unmanaged.h"
#include "dialect/postgres/pg_types.h"
#include <algorithm>
#include <future>
#include <map>

namespace tether::pg {

namespace {
// Ordinary and partitioned tables of the schema, tether's own tables and partitions left out.
// Every query repeats this filter on `c`.
const char *const kOwnTables =
    " c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'tether\\_%' ";
// Partitions, leaf or themselves partitioned (a sub-partitioned level may declare keys its
// children then clone), for the audit: their keys and indexes whether cloned or not, and only the
// foreign keys they declare themselves.
const char *const kPartitions = " c.relkind IN ('r', 'p') AND c.relispartition ";
const char *const kPartitionKeys =
    " c.relkind IN ('r', 'p') AND c.relispartition AND (con.contype <> 'f' OR con.conparentid = 0) ";

// The deparsing functions dominate these queries on a large schema, so each runs only where its
// answer can matter: a default cannot refer to a column (only a generated column's expression
// can), so it deparses without its table, at half the cost; only a partitioned table has a key.
std::string columnsQuery() {
  return std::string(R"(SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       t.typtype = 'e', t.typname, a.attnotnull, a.attidentity,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0)
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END,
       dc.description, tc.description,
       CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END,
       a.attgenerated, sq.seqstart, sq.seqincrement,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         (SELECT co.collname FROM pg_catalog.pg_collation co WHERE co.oid = a.attcollation) END,
       a.attnum
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description dc
       ON dc.objoid = c.oid AND dc.classoid = 'pg_catalog.pg_class'::regclass AND dc.objsubid = a.attnum
LEFT JOIN pg_catalog.pg_description tc
       ON tc.objoid = c.oid AND tc.classoid = 'pg_catalog.pg_class'::regclass AND tc.objsubid = 0
LEFT JOIN pg_catalog.pg_depend sd
       ON a.attidentity <> '' AND sd.refclassid = 'pg_catalog.pg_class'::regclass AND sd.refobjid = c.oid
      AND sd.refobjsubid = a.attnum AND sd.classid = 'pg_catalog.pg_class'::regclass AND sd.deptype = 'i'
LEFT JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = sd.objid
WHERE n.nspname = $1 AND)") +
         kOwnTables;
}

// The columns query's rows with their column numbers, by table name, then number: sorted here
// rather than by the server, where sorting its wide rows cost a tenth of the query.
std::vector<std::pair<int, const Row *>> inTableOrder(const std::vector<Row> &rows) {
  std::vector<std::pair<int, const Row *>> keyed;
  keyed.reserve(rows.size());
  for (const Row &r : rows)
    keyed.emplace_back(r.size() > 15 && r[15] ? std::atoi(r[15]->c_str()) : 0, &r);
  std::sort(keyed.begin(), keyed.end(), [](const auto &a, const auto &b) {
    const std::string &ta = *a.second->at(0), &tb = *b.second->at(0);
    if (int c = ta.compare(tb)) return c < 0;
    return a.first < b.first;
  });
  return keyed;
}

// A key's columns by name, in key order: `keys` is conkey or confkey, `rel` conrelid or confrelid.
std::string keyColumnNames(const char *keys, const char *rel) {
  return std::string(
             "ARRAY(SELECT (SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.") +
         rel + " AND a.attnum = k.attnum)\n             FROM unnest(con." + keys +
         ") WITH ORDINALITY AS k(attnum, ord) ORDER BY k.ord)";
}

// to_jsonb(row) is how one query reads a column only newer servers have (confdelsetcols,
// indnullsnotdistinct: PostgreSQL 15), but it renders the whole catalog row, node trees included:
// 60 ms on 6,000 constraints. Only the rows where the column can matter pay for it.
// With `byNumber`, the key columns of the tables the columns query reads come as numbers (columns
// 13 and 14) that the client names from that query's rows: looking each one up on the server was
// half of this query on 6,000 keys. Other tables' key columns (another schema's, a partition's)
// still come by name (columns 8 and 9).
std::string constraintsQuery(const char *filter, bool byNumber) {
  const std::string parentIsOwn =
      byNumber ? "(rc.relnamespace = c.relnamespace AND rc.relkind IN ('r', 'p') AND NOT rc.relispartition"
                 " AND rc.relname NOT LIKE 'tether\\_%')"
               : "false";
  return std::string(R"(SELECT c.relname, con.conname, con.contype, con.convalidated, con.confdeltype,
       con.confupdtype, rc.relname, rn.nspname,
       )") +
         (byNumber ? "NULL" : keyColumnNames("conkey", "conrelid")) + ",\n       CASE WHEN NOT " +
         parentIsOwn + " THEN " + keyColumnNames("confkey", "confrelid") + R"( END,
       con.condeferrable, con.condeferred,
       CASE WHEN con.confdeltype IN ('n', 'd') THEN
       (SELECT array_agg(a.attname ORDER BY k.ord)
          FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(to_jsonb(con) -> 'confdelsetcols') = 'array'
                                              THEN to_jsonb(con) -> 'confdelsetcols' ELSE '[]' END)
               WITH ORDINALITY AS k(n, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n::int) END,
       )" +
         (byNumber ? "con.conkey" : "NULL") + ", CASE WHEN " + parentIsOwn + R"( THEN con.confkey END
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f') AND)" +
         filter + "\nORDER BY c.relname, con.contype, con.conname";
}

const char *const kEnumsQuery = R"(SELECT t.typname, e.enumlabel
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = $1
ORDER BY t.typname, e.enumsortorder)";

std::string text(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}
bool flag(const Row &r, size_t i) {
  return text(r, i) == "t";
}

FkAction fkAction(const std::string &code) {
  if (code == "c") return FkAction::Cascade;
  if (code == "n") return FkAction::SetNull;
  if (code == "d") return FkAction::SetDefault;
  if (code == "r") return FkAction::Restrict;
  return FkAction::None; // 'a', NO ACTION: the default, as a model that says nothing
}

// The options the model states only when they are not PostgreSQL's defaults (start 1, step 1).
IdentityColumn readIdentity(bool always, const std::string &start, const std::string &increment) {
  IdentityColumn id;
  id.present = true;
  id.always = always;
  if (!start.empty() && start != "1") id.start = std::stoll(start);
  if (!increment.empty() && increment != "1") id.increment = std::stoll(increment);
  return id;
}

Column readColumn(const Row &r) {
  Column c;
  c.name = text(r, 1);
  c.dbType = text(r, 2);
  if (flag(r, 3)) {
    c.dbType = text(r, 4);
    c.type.kind = TypeKind::Enum;
    c.type.enumName = c.dbType;
  } else {
    c.type = modelTypeOf(c.dbType);
  }
  c.nullable = !flag(r, 5);
  std::string identity = text(r, 6);
  c.autoincrement = identity == "a" || identity == "d";
  if (c.autoincrement) c.identity = readIdentity(identity == "a", text(r, 12), text(r, 13));
  std::string def = text(r, 7);
  if (text(r, 11) == "s")
    c.computed = {def, true}; // a generated column keeps its expression where a default would be
  else if (isSequenceDefault(def))
    c.autoincrement = true; // serial: identity by another name
  else if (!def.empty())
    c.defaultValue = parseDefault(def);
  c.comment = text(r, 8);
  c.collation = text(r, 14); // only where it is not the type's default collation
  return c;
}

// Names a table's columns by number, for the constraint rows that give numbers.
using ColumnNamer =
    std::function<std::vector<std::string>(const std::string &table, const std::string &numbers)>;

void readConstraintRow(const Row &r, const std::string &schema, Table &t, const ColumnNamer &named) {
  std::string kind = text(r, 2);
  std::vector<std::string> cols =
      r.size() > 13 && r[13] ? named(text(r, 0), *r[13]) : parseTextArray(text(r, 8));
  if (kind == "p") {
    t.primaryKey = cols;
    t.primaryKeyName = text(r, 1);
    t.primaryKeyDeferral = {flag(r, 10), flag(r, 11)};
  } else if (kind == "u") {
    t.uniques.push_back(UniqueConstraint{text(r, 1), cols, {}, {flag(r, 10), flag(r, 11)}});
  } else {
    ForeignKey fk;
    fk.name = text(r, 1);
    fk.columns = cols;
    fk.notValid = !flag(r, 3);
    fk.onDelete = fkAction(text(r, 4));
    fk.onDeleteColumns = parseTextArray(text(r, 12)); // PostgreSQL 15's SET NULL (columns)
    fk.onUpdate = fkAction(text(r, 5));
    fk.refTable = text(r, 6);
    // A parent in another schema keeps its schema, so it is not mistaken for a local table.
    if (text(r, 7) != schema) {
      fk.refSchema = text(r, 7);
      fk.refTable = fk.refSchema + "." + fk.refTable;
    }
    fk.refColumns = r.size() > 14 && r[14] ? named(text(r, 6), *r[14]) : parseTextArray(text(r, 9));
    fk.deferral = {flag(r, 10), flag(r, 11)};
    t.foreignKeys.push_back(fk);
  }
}

// Only where the schema has partitions: two more catalog reads on every plan would be waste.
void introspectPartitions(const CatalogQuery &run, const std::string &schema, Schema &s) {
  if (std::none_of(s.unmanaged.begin(), s.unmanaged.end(),
                   [](const UnmanagedObject &u) { return u.kind == "partition"; }))
    return;
  std::map<std::string, size_t> at;
  auto partition = [&](const std::string &name) -> Table & {
    auto [it, added] = at.emplace(name, s.partitions.size());
    if (added) {
      s.partitions.emplace_back();
      s.partitions.back().name = name;
    }
    return s.partitions[it->second];
  };
  for (const Row &r : run(constraintsQuery(kPartitionKeys, false), {schema}))
    readConstraintRow(r, schema, partition(text(r, 0)), {});
  for (const Row &r : run(indexesQuery(kPartitions), {schema})) {
    IntrospectedIndex found = readIndexRow(r);
    partition(found.table).indexes.push_back(found.index);
  }
}
} // namespace

Schema introspectSchema(const CatalogQuery &run, const std::string &schema, const CatalogQuery &alongside) {
  Schema s;
  s.name = schema;
  std::map<std::string, size_t> tableAt;
  auto tableNamed = [&](const std::string &name) -> Table * {
    auto it = tableAt.find(name);
    return it == tableAt.end() ? nullptr : &s.tables[it->second];
  };
  struct KeyRows {
    std::vector<Row> constraints, indexes;
  };
  auto readKeys = [&](const CatalogQuery &q) {
    KeyRows k;
    k.constraints = q(constraintsQuery(kOwnTables, true), {schema});
    k.indexes = q(indexesQuery(kOwnTables), {schema});
    return k;
  };
  // Each future's destructor waits, so nothing a thread reads goes away under it.
  std::future<KeyRows> keysAlongside;
  if (alongside) keysAlongside = std::async(std::launch::async, readKeys, std::cref(alongside));
  // Rows become tables on a second thread while the server answers the next query: on a
  // 2,000-table schema reading the columns into models takes as long as the constraint query.
  const std::vector<Row> columnRows = run(columnsQuery(), {schema});
  std::vector<std::vector<int>> attnums; // per table, per column: its number in pg_attribute
  auto columnsRead = std::async(std::launch::async, [&] {
    for (const auto &[number, row] : inTableOrder(columnRows)) {
      const Row &r = *row;
      std::string name = text(r, 0);
      auto [it, added] = tableAt.emplace(name, s.tables.size());
      if (added) {
        Table t;
        t.name = name;
        t.comment = text(r, 9);
        t.partitionBy = text(r, 10);
        s.tables.push_back(std::move(t));
      }
      if (r.size() > 1 && r[1]) {
        s.tables[it->second].columns.push_back(readColumn(r));
        if (attnums.size() <= it->second) attnums.resize(it->second + 1);
        attnums[it->second].push_back(number);
      }
    }
  });
  KeyRows keys;
  if (!alongside) keys = readKeys(run);
  const std::vector<Row> enumRows = run(kEnumsQuery, {schema});
  std::vector<UnmanagedObject> unmanaged = introspectUnmanaged(run, schema);
  const std::vector<Row> checkRows = readChecks(run, schema);
  const SequenceRows sequenceRows = readSequences(run, schema);
  columnsRead.get();
  if (alongside) {
    try {
      keys = keysAlongside.get();
    } catch (const std::exception &) {
      keys = readKeys(run); // no second connection, or it failed: the same reads, in turn
    }
  }
  const ColumnNamer columnsByNumber = [&](const std::string &table, const std::string &numbers) {
    std::vector<std::string> names;
    auto at = tableAt.find(table);
    for (const std::string &n : parseTextArray(numbers)) {
      const int number = std::atoi(n.c_str());
      std::string name;
      if (at != tableAt.end() && at->second < attnums.size()) {
        const std::vector<int> &numbered = attnums[at->second];
        auto col = std::find(numbered.begin(), numbered.end(), number);
        if (col != numbered.end()) name = s.tables[at->second].columns[col - numbered.begin()].name;
      }
      // The same snapshot read the columns, so a key column is always among them; were it not, the
      // key would show as different rather than be misread.
      names.push_back(name.empty() ? "#" + n : name);
    }
    return names;
  };
  for (const Row &r : keys.constraints)
    if (Table *t = tableNamed(text(r, 0))) readConstraintRow(r, schema, *t, columnsByNumber);

  std::vector<UnmanagedObject> unmanagedIndexes;
  for (const Row &r : keys.indexes) {
    IntrospectedIndex found = readIndexRow(r);
    Table *t = tableNamed(found.table);
    if (!t) continue;
    // What the model cannot say is kept as PostgreSQL prints it, never dropped. The index stays
    // in the table too, for the audit's questions (does it serve a foreign key?).
    if (!found.modelled)
      unmanagedIndexes.push_back(unmanagedIndex(t->name, found.index.name, found.definition));
    t->indexes.push_back(found.index);
  }

  for (const Row &r : enumRows) {
    std::string name = text(r, 0);
    if (s.enums.empty() || s.enums.back().name != name) s.enums.push_back(EnumTypeDef{name, {}, {}});
    s.enums.back().values.push_back(text(r, 1));
  }
  s.unmanaged = std::move(unmanaged);
  addChecks(checkRows, s);
  addSequences(sequenceRows, schema, s);
  // Indexes go after the partitions (which inherit them) and before constraints, views and
  // triggers, as the unmanaged query orders the rest.
  auto at = std::find_if(s.unmanaged.begin(), s.unmanaged.end(), [](const UnmanagedObject &u) {
    return u.kind != "extension" && u.kind != "domain" && u.kind != "sequence" && u.kind != "function" &&
           u.kind != "procedure" && u.kind != "partition";
  });
  s.unmanaged.insert(at, unmanagedIndexes.begin(), unmanagedIndexes.end());
  for (auto &t : s.tables)
    for (auto &c : t.columns)
      if (c.type.kind == TypeKind::Enum)
        for (const auto &e : s.enums)
          if (e.name == c.type.enumName) c.type.enumValues = e.values;
  introspectPartitions(run, schema, s);
  return s;
}

} // namespace tether::pg
