#include "migrate/revision_table.h"
#include "core/error.h"
#include "core/strings.h"
#include <cstdlib>
#include <set>

namespace tether {

namespace {
bool isPostgres(const Dialect &d) {
  return d.name() == "postgresql";
}

std::set<std::string> existingColumns(Connection &db) {
  std::set<std::string> cols;
  std::vector<Row> rows =
      isPostgres(db.dialect())
          ? db.query("SELECT column_name::text FROM information_schema.columns WHERE table_name = $1 "
                     "AND table_schema = current_schema()",
                     {kRevisionTable})
          : db.query("SELECT name FROM pragma_table_info(?)", {kRevisionTable});
  for (const auto &r : rows)
    cols.insert(toLower(r[0].value_or("")));
  return cols;
}

struct ColumnSpec {
  const char *name, *sqlite, *postgres;
};
const ColumnSpec kColumns[] = {
    {"version", "TEXT NOT NULL PRIMARY KEY", "TEXT NOT NULL PRIMARY KEY"},
    {"name", "TEXT", "TEXT"},
    {"checksum", "TEXT", "TEXT"},
    {"applied_at", "TEXT", "TIMESTAMPTZ"},
    {"duration_ms", "INTEGER", "BIGINT"},
};
} // namespace

long versionNumber(const std::string &version) {
  try {
    size_t used = 0;
    long n = std::stol(trim(version), &used);
    return used == trim(version).size() ? n : -1;
  } catch (...) {
    return -1;
  }
}

bool revisionTableExists(Connection &db) {
  return !existingColumns(db).empty();
}

void ensureRevisionTable(Connection &db) {
  const Dialect &d = db.dialect();
  const bool pg = isPostgres(d);
  auto cols = existingColumns(db);
  const std::string table = d.quoteIdent(kRevisionTable);
  if (cols.empty()) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + table + " (";
    bool first = true;
    for (const auto &c : kColumns) {
      sql += std::string(first ? "" : ", ") + d.quoteIdent(c.name) + " " + (pg ? c.postgres : c.sqlite);
      first = false;
    }
    db.execute(sql + ")");
    return;
  }
  if (!cols.count("version"))
    throw Error(std::string("the table ") + kRevisionTable + " exists but has no version column", {},
                "it was not made by a migration tool tether knows; rename it and run again");
  for (const auto &c : kColumns) {
    if (cols.count(c.name)) continue;
    // Concurrent runs may race to add it; IF NOT EXISTS (PostgreSQL) keeps that harmless.
    db.execute("ALTER TABLE " + table + " ADD COLUMN " + (pg ? "IF NOT EXISTS " : "") + d.quoteIdent(c.name) +
               " " + (pg ? c.postgres : c.sqlite));
  }
}

std::map<long, AppliedVersion> readAppliedVersions(Connection &db) {
  std::map<long, AppliedVersion> out;
  auto cols = existingColumns(db);
  if (cols.empty()) return out;
  const Dialect &d = db.dialect();
  auto col = [&](const char *name) -> std::string {
    if (!cols.count(name)) return "NULL";
    return isPostgres(d) ? d.quoteIdent(name) + "::text" : "CAST(" + d.quoteIdent(name) + " AS TEXT)";
  };
  auto rows =
      db.query("SELECT " + col("version") + ", " + col("name") + ", " + col("checksum") + ", " +
               col("applied_at") + ", " + col("duration_ms") + " FROM " + d.quoteIdent(kRevisionTable));
  for (const auto &r : rows) {
    AppliedVersion v{r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or(""), 0};
    if (r[4]) v.durationMs = std::atoll(r[4]->c_str());
    out[versionNumber(v.version)] = v;
  }
  return out;
}

std::vector<std::string> recordStatements(const Dialect &d, const MigrationFile &m) {
  const std::string t = d.quoteIdent(kRevisionTable);
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  const bool pg = isPostgres(d);
  // Values go in as dialect literals: the statements run inside apply's transaction, which binds
  // no parameters; quoteLiteral escapes them.
  std::string insert = "INSERT INTO " + t + " (" + q("version") + ", " + q("name") + ", " + q("checksum") +
                       ", " + q("applied_at") + ", " + q("duration_ms") + ") VALUES (" +
                       d.quoteLiteral(m.version) + ", " + d.quoteLiteral(m.name) + ", " +
                       d.quoteLiteral(m.checksum) + ", " +
                       (pg ? "clock_timestamp()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") + ", 0)";
  std::string duration =
      "UPDATE " + t + " SET " + q("duration_ms") + " = " +
      (pg ? "CAST(EXTRACT(EPOCH FROM clock_timestamp() - CAST(" + q("applied_at") +
                " AS TIMESTAMPTZ)) * 1000 AS BIGINT)"
          : "CAST((julianday('now') - julianday(" + q("applied_at") + ")) * 86400000 AS INTEGER)") +
      " WHERE " + q("version") + " = " + d.quoteLiteral(m.version);
  return {insert, duration};
}

std::string forgetStatement(const Dialect &d, const std::string &storedVersion) {
  return "DELETE FROM " + d.quoteIdent(kRevisionTable) + " WHERE " + d.quoteIdent("version") + " = " +
         d.quoteLiteral(storedVersion);
}

} // namespace tether
