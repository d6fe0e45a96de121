#include "audit/orphan_check.h"
#include "audit/fk_finding.h"
#include "audit/schema_checks.h"
#include "core/error.h"
#include "core/strings.h"
#include <algorithm>

namespace tether {

namespace {
std::string whereOrphan(const Dialect &d, const std::string &table, const ForeignKey &fk) {
  std::vector<std::string> notNull, match;
  for (size_t i = 0; i < fk.columns.size(); ++i) {
    std::string c = "c." + d.quoteIdent(fk.columns[i]);
    notNull.push_back(c + " IS NOT NULL");
    match.push_back("p." + d.quoteIdent(fk.refColumns[i]) + " = " + c);
  }
  (void)table;
  return " WHERE " + join(notNull, " AND ") + " AND NOT EXISTS (SELECT 1 FROM " + d.quoteReference(fk) +
         " p WHERE " + join(match, " AND ") + ")";
}

// Types every database orders with min() and max(); the rest are read as text.
bool ordered(const Table *child, const std::string &column) {
  const Column *c = child ? child->column(column) : nullptr;
  if (!c) return false;
  switch (c->type.kind) {
  case TypeKind::Integer:
  case TypeKind::BigInteger:
  case TypeKind::SmallInteger:
  case TypeKind::Numeric:
  case TypeKind::Float:
  case TypeKind::String:
  case TypeKind::Text:
  case TypeKind::Date:
  case TypeKind::Time:
  case TypeKind::DateTime:
    return true;
  default:
    return false;
  }
}

bool sameFk(const ForeignKey &a, const ForeignKey &b) {
  return a.columns == b.columns && a.refTable == b.refTable && a.refColumns == b.refColumns;
}
} // namespace

std::string orphanCountSql(const Dialect &d, const std::string &table, const ForeignKey &fk,
                           const Table *child) {
  // The smallest and largest orphan key come from the same pass as the count: a separate
  // "LIMIT 3" query would cost a second full anti-join wherever the planner hashes the parent.
  std::string key;
  if (fk.columns.size() == 1) {
    key = "c." + d.quoteIdent(fk.columns[0]);
    if (!ordered(child, fk.columns[0])) key = "CAST(" + key + " AS TEXT)";
  } else {
    std::vector<std::string> parts;
    for (const auto &c : fk.columns)
      parts.push_back("CAST(c." + d.quoteIdent(c) + " AS TEXT)");
    key = "'(' || " + join(parts, " || ', ' || ") + " || ')'";
  }
  return "SELECT count(*), min(" + key + "), max(" + key + ") FROM " + d.quoteIdent(table) + " c" +
         whereOrphan(d, table, fk);
}

std::string orphanListSql(const Dialect &d, const std::string &table, const ForeignKey &fk) {
  std::vector<std::string> cols;
  for (const auto &c : fk.columns)
    cols.push_back("c." + d.quoteIdent(c));
  return "SELECT " + join(cols, ", ") + " FROM " + d.quoteIdent(table) + " c" + whereOrphan(d, table, fk);
}

namespace {
// The table whose columns `table`'s are: itself, or for a partition the partitioned table at the
// root of its tree (partitions are introspected without columns).
const Table *keyTable(const Schema &db, std::string table) {
  for (int depth = 0; depth < 64; ++depth) {
    if (const Table *t = db.table(table)) return t;
    auto p = std::find_if(db.unmanaged.begin(), db.unmanaged.end(),
                          [&](const UnmanagedObject &u) { return u.kind == "partition" && u.name == table; });
    if (p == db.unmanaged.end()) return nullptr;
    table = p->table;
  }
  return nullptr;
}
} // namespace

std::vector<Finding> checkOrphanRows(Connection &conn, const Schema &db, const Model *model,
                                     const std::function<void(const std::string &)> &progress) {
  const Dialect &d = conn.dialect();
  struct Job {
    std::string table;
    ForeignKey fk;
  };
  std::vector<Job> jobs;
  auto add = [&](const std::string &table, const ForeignKey &fk) {
    for (const auto &j : jobs)
      if (j.table == table && sameFk(j.fk, fk)) return;
    jobs.push_back({table, fk});
  };
  for (const auto &t : db.tables)
    for (const auto &fk : t.foreignKeys)
      add(t.name, fk);
  // A partition's own keys: its parent's key says nothing about them.
  for (const auto &t : db.partitions)
    for (const auto &fk : t.foreignKeys)
      add(t.name, fk);
  if (model) {
    // FKs the models declare but the database lacks are exactly where orphans creep in.
    for (const auto &mt : model->schema.tables) {
      const Table *dt = db.table(mt.name);
      if (!dt) continue;
      for (const auto &fk : mt.foreignKeys) {
        // A table of another schema is not introspected: its query reports it if it is missing.
        const Table *parent = db.table(fk.refTable);
        bool external = !fk.refSchema.empty();
        bool present = (parent || external) && fk.columns.size() == fk.refColumns.size();
        for (const auto &c : fk.columns)
          present = present && dt->column(c);
        for (const auto &c : fk.refColumns)
          present = present && (external || parent->column(c));
        if (present) add(mt.name, fk);
      }
    }
  }
  // Where the database has its own checker, it counts the FKs it knows; queries do the rest.
  std::optional<std::vector<NativeOrphanCount>> native = conn.nativeOrphanCounts();
  const NativeOrphanCount *nativeHit = nullptr;
  auto nativeCount = [&](const Job &j) -> std::optional<long long> {
    nativeHit = nullptr;
    if (!native) return std::nullopt;
    const Table *t = db.table(j.table);
    bool declared = false;
    for (const auto &fk : t ? t->foreignKeys : std::vector<ForeignKey>{})
      declared = declared || sameFk(fk, j.fk);
    if (!declared) return std::nullopt;
    for (const auto &n : *native)
      if (n.table == j.table && n.refTable == j.fk.refTable && n.columns == j.fk.columns) {
        nativeHit = &n;
        return n.count;
      }
    return 0;
  };
  std::vector<Finding> out;
  for (const auto &j : jobs) {
    if (j.fk.refSchema.empty() && !db.table(j.fk.refTable)) continue;
    if (progress) progress("orphans: " + j.table + "(" + join(j.fk.columns, ", ") + ") -> " + j.fk.refTable);
    Finding f = foreignKeyFinding("orphan_rows", Severity::Error, j.table, j.fk);
    f.location = modelLocation(model, j.table, j.fk.columns);
    std::string sql = orphanCountSql(d, j.table, j.fk, keyTable(db, j.table));
    try {
      std::optional<long long> counted = nativeCount(j);
      if (counted && nativeHit) {
        for (const auto &row : nativeHit->examples) {
          std::vector<std::string> vals;
          for (const auto &v : row)
            vals.push_back(v ? *v : "NULL");
          f.examples.push_back(vals.size() == 1 ? vals[0] : "(" + join(vals, ", ") + ")");
        }
      } else if (!counted) {
        auto rows = conn.query(sql);
        const Row none;
        const Row &r = rows.empty() ? none : rows[0];
        counted = r.empty() || !r[0] ? 0 : std::stoll(*r[0]);
        for (size_t i = 1; i < r.size() && *counted > 0; ++i)
          if (r[i] && std::find(f.examples.begin(), f.examples.end(), *r[i]) == f.examples.end())
            f.examples.push_back(*r[i]);
      }
      long long n = *counted;
      if (n == 0) continue;
      f.count = n;
      std::string colText = j.fk.columns.size() == 1
                                ? j.fk.refTable + "." + j.fk.refColumns[0]
                                : j.fk.refTable + "(" + join(j.fk.refColumns, ", ") + ")";
      f.message =
          std::to_string(n) + " row" + (n == 1 ? "" : "s") + " of " + j.table + " reference" +
          (n == 1 ? "s" : "") + " a " + colText + " that does not exist" +
          (f.examples.empty() ? ""
                              : " (e.g. " + join(j.fk.columns, ", ") + " = " + join(f.examples, ", ") + ")") +
          (j.fk.notValid ? "; the foreign key exists but is NOT VALID" : "");
      f.fix = orphanListSql(d, j.table, j.fk) + ";";
    } catch (const Error &e) {
      f.severity = Severity::Warning;
      f.timedOut = e.kind() == ErrorKind::Timeout;
      f.message = std::string(f.timedOut ? "orphan check timed out" : "orphan check failed") + " on " +
                  j.table + "(" + join(j.fk.columns, ", ") + "): " + e.what();
      f.fix = sql + ";";
    }
    out.push_back(f);
  }
  return out;
}

} // namespace tether
