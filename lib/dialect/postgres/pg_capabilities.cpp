#include "dialect/postgres/pg_dialect.h"

namespace tether::pg {

std::string PostgresDialect::parameter(int n) const {
  return "$" + std::to_string(n);
}

const RevisionTableSql &PostgresDialect::revisionTable() const {
  // clock_timestamp(), not now(): now() is the transaction's start, the same for every version
  // one run applies.
  static const RevisionTableSql sql{
      "TEXT",
      "TIMESTAMPTZ",
      "BIGINT",
      "INTEGER",
      "clock_timestamp()",
      "CAST(EXTRACT(EPOCH FROM clock_timestamp() - CAST({} AS TIMESTAMPTZ)) * 1000 AS BIGINT)",
      "{}::text",
      true}; // concurrent runs may race to add a column
  return sql;
}

const CatalogQueries &PostgresDialect::catalog() const {
  static const CatalogQueries q{
      "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1 "
      "AND table_schema = current_schema()",
      "SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a "
      "WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attname = $2 AND NOT a.attisdropped",
      "SELECT count(*) FROM pg_catalog.pg_proc WHERE proname = $1",
      "SELECT count(*) FROM pg_catalog.pg_proc WHERE proname = $1 AND provolatile = 'v'"};
  return q;
}

std::optional<AdvisoryLockSql> PostgresDialect::advisoryLock() const {
  return AdvisoryLockSql{
      "SELECT pg_catalog.pg_try_advisory_lock($1::bigint)",
      "SELECT pg_catalog.pg_advisory_unlock($1::bigint)",
      "SELECT l.pid::text, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local') "
      "FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
      "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1::bigint::oid "
      "AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())",
      "wait for it to finish, or raise --lock-timeout; pg_terminate_backend(pid) ends a stuck one"};
}

} // namespace tether::pg
