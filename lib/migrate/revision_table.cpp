#include "migrate/revision_table.h"
#include "core/error.h"
#include "core/strings.h"
#include <cstdlib>
#include <set>

namespace tether {

namespace {
std::set<std::string> existingColumns(Connection &db) {
  std::set<std::string> cols;
  std::vector<Row> rows = db.query(db.dialect().catalog().columnNames, {kRevisionTable});
  for (const auto &r : rows)
    cols.insert(toLower(r[0].value_or("")));
  return cols;
}

using TypeOf = std::string RevisionTableSql::*;
struct ColumnSpec {
  const char *name;
  TypeOf type;
  const char *constraints;
};
const ColumnSpec kColumns[] = {
    {"version", &RevisionTableSql::text, " NOT NULL PRIMARY KEY"},
    {"name", &RevisionTableSql::text, ""},
    {"checksum", &RevisionTableSql::text, ""},
    {"applied_at", &RevisionTableSql::timestamp, ""},
    {"duration_ms", &RevisionTableSql::bigint, ""},
    {"dirty", &RevisionTableSql::integer, " NOT NULL DEFAULT 0"},
    {"statements_run", &RevisionTableSql::bigint, ""},
    {"statements_total", &RevisionTableSql::bigint, ""},
    {"error", &RevisionTableSql::text, ""},
};
std::string columnType(const RevisionTableSql &sql, const ColumnSpec &c) {
  return sql.*(c.type) + c.constraints;
}
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
  const RevisionTableSql &rt = d.revisionTable();
  auto cols = existingColumns(db);
  const std::string table = d.quoteIdent(kRevisionTable);
  if (cols.empty()) {
    std::string sql = "CREATE TABLE IF NOT EXISTS " + table + " (";
    bool first = true;
    for (const auto &c : kColumns) {
      sql += std::string(first ? "" : ", ") + d.quoteIdent(c.name) + " " + columnType(rt, c);
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
    // Concurrent runs may race to add it; IF NOT EXISTS (where there is one) keeps that harmless.
    db.execute("ALTER TABLE " + table + " ADD COLUMN " + (rt.addColumnIfNotExists ? "IF NOT EXISTS " : "") +
               d.quoteIdent(c.name) + " " + columnType(rt, c));
  }
}

std::map<long, AppliedVersion> readAppliedVersions(Connection &db) {
  std::map<long, AppliedVersion> out;
  auto cols = existingColumns(db);
  if (cols.empty()) return out;
  const Dialect &d = db.dialect();
  auto col = [&](const char *name) -> std::string {
    if (!cols.count(name)) return "NULL";
    return fillTemplate(d.revisionTable().asText, d.quoteIdent(name));
  };
  auto rows = db.query("SELECT " + col("version") + ", " + col("name") + ", " + col("checksum") + ", " +
                       col("applied_at") + ", " + col("duration_ms") + ", " + col("dirty") + ", " +
                       col("statements_run") + ", " + col("statements_total") + ", " + col("error") +
                       " FROM " + d.quoteIdent(kRevisionTable));
  for (const auto &r : rows) {
    AppliedVersion v;
    v.version = r[0].value_or("");
    v.name = r[1].value_or("");
    v.checksum = r[2].value_or("");
    v.appliedAt = r[3].value_or("");
    if (r[4]) v.durationMs = std::atoll(r[4]->c_str());
    v.dirty = r[5] && std::atoll(r[5]->c_str()) != 0;
    if (r[6]) v.statementsRun = std::atoll(r[6]->c_str());
    if (r[7]) v.statementsTotal = std::atoll(r[7]->c_str());
    v.error = r[8].value_or("");
    out[versionNumber(v.version)] = v;
  }
  return out;
}

std::vector<std::string> recordStatements(const Dialect &d, const MigrationFile &m) {
  const std::string t = d.quoteIdent(kRevisionTable);
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  // Values go in as dialect literals: the statements run inside apply's transaction, which binds
  // no parameters; quoteLiteral escapes them.
  std::string insert = "INSERT INTO " + t + " (" + q("version") + ", " + q("name") + ", " + q("checksum") +
                       ", " + q("applied_at") + ", " + q("duration_ms") + ") VALUES (" +
                       d.quoteLiteral(m.version) + ", " + d.quoteLiteral(m.name) + ", " +
                       d.quoteLiteral(m.checksum) + ", " + d.revisionTable().now + ", 0)";
  std::string duration = "UPDATE " + t + " SET " + q("duration_ms") + " = " +
                         fillTemplate(d.revisionTable().elapsedMs, q("applied_at")) + " WHERE " +
                         q("version") + " = " + d.quoteLiteral(m.version);
  return {insert, duration};
}

namespace {
std::string nowSql(const Dialect &d) {
  return d.revisionTable().now;
}
std::string durationSql(const Dialect &d) {
  return fillTemplate(d.revisionTable().elapsedMs, d.quoteIdent("applied_at"));
}
std::string whereVersion(const Dialect &d, const std::string &v) {
  return " WHERE " + d.quoteIdent("version") + " = " + d.quoteLiteral(v);
}
} // namespace

std::string recordDirtyStatement(const Dialect &d, const MigrationFile &m, size_t total) {
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  return "INSERT INTO " + q(kRevisionTable) + " (" + q("version") + ", " + q("name") + ", " + q("checksum") +
         ", " + q("applied_at") + ", " + q("duration_ms") + ", " + q("dirty") + ", " + q("statements_run") +
         ", " + q("statements_total") + ") VALUES (" + d.quoteLiteral(m.version) + ", " +
         d.quoteLiteral(m.name) + ", " + d.quoteLiteral(m.checksum) + ", " + nowSql(d) + ", 0, 1, 0, " +
         std::to_string(total) + ")";
}

std::string progressStatement(const Dialect &d, const std::string &storedVersion, size_t ran, size_t total) {
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  return "UPDATE " + q(kRevisionTable) + " SET " + q("dirty") + " = 1, " + q("statements_run") + " = " +
         std::to_string(ran) + ", " + q("statements_total") + " = " + std::to_string(total) + ", " +
         q("error") + " = NULL" + whereVersion(d, storedVersion);
}

std::string failedStatement(const Dialect &d, const std::string &storedVersion, size_t ran,
                            const std::string &error) {
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  return "UPDATE " + q(kRevisionTable) + " SET " + q("dirty") + " = 1, " + q("statements_run") + " = " +
         std::to_string(ran) + ", " + q("error") + " = " + d.quoteLiteral(error) +
         whereVersion(d, storedVersion);
}

std::string cleanStatement(const Dialect &d, const std::string &storedVersion) {
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  return "UPDATE " + q(kRevisionTable) + " SET " + q("dirty") + " = 0, " + q("error") + " = NULL, " +
         q("duration_ms") + " = " + durationSql(d) + whereVersion(d, storedVersion);
}

std::string baselineStatement(const Dialect &d, const MigrationFile &m, bool alreadyRecorded) {
  auto q = [&](const char *c) { return d.quoteIdent(c); };
  if (alreadyRecorded)
    return "UPDATE " + q(kRevisionTable) + " SET " + q("dirty") + " = 0, " + q("error") + " = NULL, " +
           q("checksum") + " = " + d.quoteLiteral(m.checksum) + whereVersion(d, m.version);
  return "INSERT INTO " + q(kRevisionTable) + " (" + q("version") + ", " + q("name") + ", " + q("checksum") +
         ", " + q("applied_at") + ", " + q("duration_ms") + ", " + q("dirty") + ") VALUES (" +
         d.quoteLiteral(m.version) + ", " + d.quoteLiteral(m.name) + ", " + d.quoteLiteral(m.checksum) +
         ", " + nowSql(d) + ", 0, 0)";
}

std::string forgetStatement(const Dialect &d, const std::string &storedVersion) {
  return "DELETE FROM " + d.quoteIdent(kRevisionTable) + " WHERE " + d.quoteIdent("version") + " = " +
         d.quoteLiteral(storedVersion);
}

} // namespace tether
