#include "core/strings.h"
#include "dialect/postgres/pg_dialect.h"
#include "dialect/postgres/pg_quote.h"
#include <algorithm>

namespace tether::pg {

namespace {
// PostgreSQL builds no index on a partitioned table CONCURRENTLY, and a plain CREATE INDEX on it
// locks every partition against writes for the whole build. The online way: an index ON ONLY the
// parent (invalid, instant), each leaf partition's own index built concurrently and attached;
// the parent's index turns valid when its last partition's is attached. Each partition's index is
// named as the audit names a table's: ix_<partition><suffix>.
void indexTree(const Schema &db, const std::string &table, const std::string &name,
               const std::string &columns, const std::string &suffix, std::vector<std::string> &out) {
  std::vector<const UnmanagedObject *> partitions;
  for (const auto &u : db.unmanaged)
    if (u.kind == "partition" && u.table == table) partitions.push_back(&u);
  const Table *t = db.table(table);
  const bool partitioned =
      (t && !t->partitionBy.empty()) || !partitions.empty() ||
      std::any_of(db.unmanaged.begin(), db.unmanaged.end(), [&](const UnmanagedObject &u) {
        return u.kind == "partition" && u.name == table &&
               u.definition.find(" PARTITION BY ") != std::string::npos;
      });
  if (!partitioned) {
    out.push_back("CREATE INDEX CONCURRENTLY " + quoteIdent(name) + " ON " + quoteIdent(table) + " (" +
                  columns + ");");
    return;
  }
  out.push_back("CREATE INDEX " + quoteIdent(name) + " ON ONLY " + quoteIdent(table) + " (" + columns + ");");
  for (const UnmanagedObject *p : partitions) {
    const std::string child = "ix_" + p->name + suffix;
    indexTree(db, p->name, child, columns, suffix, out);
    out.push_back("ALTER INDEX " + quoteIdent(name) + " ATTACH PARTITION " + quoteIdent(child) + ";");
  }
}
} // namespace

std::string PostgresDialect::createIndexSql(const Schema &db, const std::string &table,
                                            const std::string &name,
                                            const std::vector<std::string> &columns) const {
  std::vector<std::string> out;
  indexTree(db, table, name, quoteIdentList(columns), "_" + join(columns, "_"), out);
  return join(out, "\n");
}

} // namespace tether::pg
