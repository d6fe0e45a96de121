#include "dialect/postgres/pg_introspect_indexes.h"
#include <nlohmann/json.hpp>

namespace tether::pg {

namespace {
std::string text(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}
bool flag(const Row &r, size_t i) {
  return text(r, i) == "t";
}
// pg_index.indoption bits (INDOPTION_DESC, INDOPTION_NULLS_FIRST).
constexpr int kDesc = 1, kNullsFirst = 2;
} // namespace

// pg_get_indexdef is the costliest call here: it runs only for the indexes kept unmanaged; and
// to_jsonb(i) (reading indnullsnotdistinct on any server) only for unique ones. Every per-key
// lookup is an index probe or a jsonb key: a join to pg_attribute hashed each table's columns,
// pg_opclass was scanned whole per key, and the `modelled` test scanned all of pg_attribute twice
// (OFFSET 0 keeps it one probe per index); together half of a 2,000-table plan's index read.
std::string indexesQuery(const std::string &ownTablesFilter) {
  return std::string(R"(WITH nd AS MATERIALIZED (SELECT jsonb_object_agg(oid::text, opcname) AS names
                         FROM pg_catalog.pg_opclass WHERE NOT opcdefault)
SELECT c.relname, ic.relname, i.indisunique, am.amname,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), NOT i.indisvalid,
       CASE WHEN i.indisunique THEN coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false)
            ELSE false END,
       (SELECT json_agg(json_build_object(
                 'column', CASE WHEN k.attnum > 0 THEN
                             (SELECT a.attname::text FROM pg_catalog.pg_attribute a
                              WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum) END,
                 'expression', CASE WHEN k.attnum = 0
                                    THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.ord::int, true) END,
                 'key', k.ord <= i.indnkeyatts,
                 'option', coalesce(k.opt, 0),
                 'opclass', (SELECT nd.names ->> k.opc::text FROM nd)) ORDER BY k.ord)
        FROM unnest(i.indkey::int2[], i.indoption::int2[], i.indclass::oid[])
             WITH ORDINALITY AS k(attnum, opt, opc, ord)),
       m.modelled,
       CASE WHEN NOT m.modelled THEN pg_catalog.pg_get_indexdef(i.indexrelid) END
FROM pg_catalog.pg_index i
CROSS JOIN LATERAL (SELECT
       (SELECT ic2.reloptions IS NULL FROM pg_catalog.pg_class ic2 WHERE ic2.oid = i.indexrelid)
         AND NOT EXISTS (SELECT 1 FROM unnest(i.indcollation::oid[]) AS k(coll)
                         WHERE k.coll <> 0 AND k.coll <> 100)
         AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute ia
                         WHERE ia.attrelid = i.indexrelid AND ia.attoptions IS NOT NULL) AS modelled OFFSET 0) m
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE n.nspname = $1
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                    AND con.contype IN ('p', 'u', 'x'))
  AND)") +
         ownTablesFilter + "\nORDER BY c.relname, ic.relname";
}

IntrospectedIndex readIndexRow(const Row &r) {
  IntrospectedIndex out;
  out.table = text(r, 0);
  Index &ix = out.index;
  ix.name = text(r, 1);
  ix.unique = flag(r, 2);
  ix.method = text(r, 3);
  ix.predicate = text(r, 4);
  ix.invalid = flag(r, 5);
  ix.nullsNotDistinct = flag(r, 6);
  out.modelled = flag(r, 8);
  out.definition = text(r, 9);
  nlohmann::json elems = nlohmann::json::parse(text(r, 7).empty() ? "[]" : text(r, 7), nullptr, false);
  if (!elems.is_array()) elems = nlohmann::json::array();
  for (const auto &e : elems) {
    const bool expression = e["expression"].is_string();
    std::string name = expression ? e["expression"].get<std::string>()
                                  : (e["column"].is_string() ? e["column"].get<std::string>() : "");
    if (!e.value("key", true)) {
      ix.include.push_back(name);
      continue;
    }
    IndexKey k;
    k.expression = expression;
    int option = e["option"].is_number() ? e["option"].get<int>() : 0;
    if (option & kDesc) k.order = "desc";
    if (option & kNullsFirst)
      k.nulls = "first";
    else
      k.nulls = "last";
    if (e["opclass"].is_string()) k.opclass = e["opclass"].get<std::string>();
    // Only an ordered access method has a direction; the others report no option bits.
    if (ix.method != "btree") k.nulls.clear();
    ix.columns.push_back(name);
    ix.keys.push_back(k);
  }
  normaliseIndexKeys(ix);
  return out;
}

} // namespace tether::pg
