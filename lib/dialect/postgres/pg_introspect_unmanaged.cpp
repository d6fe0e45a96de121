#include "dialect/postgres/pg_introspect_unmanaged.h"
#include "core/strings.h"

namespace tether::pg {

namespace {
// Each branch yields (rank, oid, kind, name, table, definition); the rank puts what others
// depend on first: extensions and domains before tables use them, partitions before their own
// keys, checks and indexes, functions before the triggers that call them, views in creation
// order (a view's comment in its definition, a materialized view's indexes after it). Objects an extension
// owns are the extension's business and left out. A partition's constraints, indexes and triggers cloned from
// its parent come back with the parent's; only those declared on the partition itself are listed (a round
// trip lost them without a word).
const char *const kUnmanagedQuery =
    R"(WITH ns AS (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1),
own AS (SELECT objid FROM pg_catalog.pg_depend WHERE deptype = 'e')
SELECT 0, e.oid, 'extension', e.extname::text, '',
       'CREATE EXTENSION IF NOT EXISTS ' || quote_ident(e.extname)
FROM pg_catalog.pg_extension e, ns WHERE e.extnamespace = ns.oid AND e.extname <> 'plpgsql'
UNION ALL
SELECT 1, t.oid, 'domain', t.typname::text, '',
       'CREATE DOMAIN ' || quote_ident(t.typname) || ' AS ' || pg_catalog.format_type(t.typbasetype, t.typtypmod)
       || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
               THEN ' COLLATE ' || (SELECT quote_ident(collname) FROM pg_catalog.pg_collation WHERE oid = t.typcollation)
               ELSE '' END
       || coalesce(' DEFAULT ' || t.typdefault, '') || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
       || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(c.conname) || ' ' || pg_catalog.pg_get_constraintdef(c.oid), '' ORDER BY c.conname)
                    FROM pg_catalog.pg_constraint c WHERE c.contypid = t.oid), '')
FROM pg_catalog.pg_type t JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype, ns
WHERE t.typnamespace = ns.oid AND t.typtype = 'd' AND t.oid NOT IN (SELECT objid FROM own)
UNION ALL
SELECT 2, c.oid, 'sequence', c.relname::text, '',
       'CREATE SEQUENCE ' || quote_ident(c.relname) || ' AS ' || pg_catalog.format_type(s.seqtypid, NULL)
       || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax
       || ' START WITH ' || s.seqstart || ' CACHE ' || s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid, ns
WHERE c.relnamespace = ns.oid AND c.relkind = 'S' AND c.oid NOT IN (SELECT objid FROM own)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
UNION ALL
SELECT 3, p.oid, CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END,
       p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', '',
       pg_catalog.pg_get_functiondef(p.oid)
FROM pg_catalog.pg_proc p, ns
WHERE p.pronamespace = ns.oid AND p.prokind IN ('f', 'p') AND p.oid NOT IN (SELECT objid FROM own)
UNION ALL
SELECT 4, c.oid, 'partition', c.relname::text, par.relname::text,
       'CREATE TABLE ' || quote_ident(c.relname) || ' PARTITION OF ' || quote_ident(par.relname) || ' '
       || pg_catalog.pg_get_expr(c.relpartbound, c.oid)
       || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON i.inhrelid = c.oid
JOIN pg_catalog.pg_class par ON par.oid = i.inhparent, ns
WHERE c.relnamespace = ns.oid AND c.relispartition AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 5, con.oid, CASE con.contype WHEN 'c' THEN 'check_constraint' WHEN 'x' THEN 'exclude_constraint'
                     WHEN 'f' THEN 'foreign_key' WHEN 'u' THEN 'unique_constraint' ELSE 'primary_key' END,
       con.conname::text, c.relname::text,
       'ALTER TABLE ' || quote_ident(c.relname) || ' ADD CONSTRAINT ' || quote_ident(con.conname) || ' '
       || pg_catalog.pg_get_constraintdef(con.oid)
FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid, ns
WHERE c.relnamespace = ns.oid AND c.relispartition AND con.contype IN ('c', 'f', 'u', 'x', 'p')
  AND con.conislocal AND con.coninhcount = 0 AND con.conparentid = 0
UNION ALL
SELECT 5, i.indexrelid, 'index', ic.relname::text, c.relname::text, pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid, ns
WHERE c.relnamespace = ns.oid AND c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid)
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
                  WHERE k.conindid = i.indexrelid AND k.conrelid = c.oid AND k.contype IN ('p', 'u', 'x'))
UNION ALL
SELECT 6, con.oid, CASE con.contype WHEN 'c' THEN 'check_constraint' ELSE 'exclude_constraint' END,
       con.conname::text, c.relname::text,
       'ALTER TABLE ' || quote_ident(c.relname) || ' ADD CONSTRAINT ' || quote_ident(con.conname) || ' '
       || pg_catalog.pg_get_constraintdef(con.oid)
FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid, ns
WHERE c.relnamespace = ns.oid AND (con.contype = 'x' OR (con.contype = 'c' AND (NOT con.convalidated OR con.connoinherit)))
  AND con.conislocal
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT LIKE 'tether\_%'
UNION ALL
SELECT 7, c.oid, CASE c.relkind WHEN 'm' THEN 'materialized_view' ELSE 'view' END, c.relname::text, '',
       'CREATE ' || CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW ' ELSE 'VIEW ' END || quote_ident(c.relname)
       || ' AS' || chr(10) || rtrim(rtrim(pg_catalog.pg_get_viewdef(c.oid)), ';')
       || coalesce(';' || chr(10) || 'COMMENT ON ' || CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW ' ELSE 'VIEW ' END
                   || quote_ident(c.relname) || ' IS ' || quote_literal(pg_catalog.obj_description(c.oid, 'pg_class')), '')
FROM pg_catalog.pg_class c, ns
WHERE c.relnamespace = ns.oid AND c.relkind IN ('v', 'm') AND c.oid NOT IN (SELECT objid FROM own)
UNION ALL
SELECT 7, i.indexrelid, 'index', ic.relname::text, c.relname::text, pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid, ns
WHERE c.relnamespace = ns.oid AND c.relkind = 'm' AND c.oid NOT IN (SELECT objid FROM own)
UNION ALL
SELECT 8, t.oid, 'trigger', t.tgname::text, c.relname::text, pg_catalog.pg_get_triggerdef(t.oid)
FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid, ns
WHERE c.relnamespace = ns.oid AND NOT t.tgisinternal AND c.relname NOT LIKE 'tether\_%'
  AND NOT (c.relispartition AND EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h
              JOIN pg_catalog.pg_trigger pt ON pt.tgrelid = h.inhparent
              WHERE h.inhrelid = c.oid AND pt.tgname = t.tgname))
ORDER BY 1, 2)";

std::string text(const Row &r, size_t i) {
  return i < r.size() && r[i] ? *r[i] : std::string();
}
} // namespace

std::vector<UnmanagedObject> introspectUnmanaged(const CatalogQuery &run, const std::string &schema) {
  std::vector<UnmanagedObject> out;
  for (const Row &r : run(kUnmanagedQuery, {schema})) {
    UnmanagedObject u;
    u.kind = text(r, 2);
    u.name = text(r, 3);
    u.table = text(r, 4);
    u.definition = trim(text(r, 5));
    out.push_back(u);
  }
  return out;
}

UnmanagedObject unmanagedIndex(const std::string &table, const std::string &name,
                               const std::string &indexdef) {
  UnmanagedObject u;
  u.kind = "index";
  u.name = name;
  u.table = table;
  u.definition = trim(indexdef);
  return u;
}

} // namespace tether::pg
