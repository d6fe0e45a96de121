#include "dialect/postgres/pg_connection.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_introspect.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/postgres.h"
#include <cstdlib>

namespace tether::pg {

namespace {
// An unreachable host should fail a CI job in seconds, not after the TCP timeout.
constexpr const char *kConnectTimeoutSeconds = "5";

std::string conninfoFor(const DbUrl &url) {
  std::string info = url.libpqConninfo();
  if (!url.query.count("connect_timeout") && !std::getenv("PGCONNECT_TIMEOUT"))
    info += std::string(info.empty() ? "" : " ") + "connect_timeout=" + kConnectTimeoutSeconds;
  if (!url.query.count("application_name") && !std::getenv("PGAPPNAME")) info += " application_name=tether";
  return info;
}

// The kind of a libpqxx failure, from its exception type and SQLSTATE (class 57014 is a cancelled
// statement, 55P03 a lock timeout, class 23 an integrity violation, 42601 a syntax error).
ErrorKind kindOf(const std::exception &e) {
  if (dynamic_cast<const pqxx::broken_connection *>(&e)) return ErrorKind::Connection;
  if (auto *s = dynamic_cast<const pqxx::sql_error *>(&e)) {
    const std::string state = s->sqlstate();
    if (state == "57014" || state == "55P03") return ErrorKind::Timeout;
    if (state.rfind("08", 0) == 0) return ErrorKind::Connection;
    if (state.rfind("23", 0) == 0 || state == "40001" || state == "40P01") return ErrorKind::Conflict;
    if (state == "42601") return ErrorKind::Syntax;
    return ErrorKind::Database;
  }
  return ErrorKind::Failed;
}

// The server's message without libpq's "ERROR:  " prefix and trailing newline.
std::string serverMessage(const std::exception &e) {
  std::string m = trim(e.what());
  if (startsWith(m, "ERROR:")) m = trim(m.substr(6));
  return m;
}
} // namespace

PostgresConnection::PostgresConnection(const DbUrl &url, const OpenOptions &opts) : url_(url) {
  try {
    conn_ = std::make_unique<pqxx::connection>(conninfoFor(url));
    quiet_ = std::make_unique<pqxx::quiet_errorhandler>(*conn_);
  } catch (const std::exception &e) {
    throw Error("cannot connect to " + url_.masked() + ": " + maskSecrets(trim(e.what()), url_), {},
                "check that the server is running and that host, port, database, user and password are right",
                ErrorKind::Connection);
  }
  try {
    pqxx::nontransaction tx(*conn_);
    if (opts.readOnly) tx.exec("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    if (opts.statementTimeoutMs > 0)
      tx.exec_params("SELECT pg_catalog.set_config('statement_timeout', $1, false)",
                     std::to_string(opts.statementTimeoutMs));
  } catch (const std::exception &e) {
    fail("cannot prepare the session", e);
  }
  chooseSchema(opts.schema);
}

void PostgresConnection::chooseSchema(const std::string &wanted) {
  try {
    pqxx::nontransaction tx(*conn_);
    if (wanted.empty()) {
      pqxx::result r = tx.exec("SELECT (pg_catalog.current_schemas(false))[1]");
      schema_ = !r.empty() && !r[0][0].is_null() ? r[0][0].c_str() : "public";
      return;
    }
    if (tx.exec_params("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", wanted).empty())
      throw Error("schema '" + wanted + "' does not exist in " + url_.masked(), {},
                  "create it first (CREATE SCHEMA) or name an existing one with --schema");
    schema_ = wanted;
    // Unqualified names in rendered DDL must land in that schema.
    std::string path = quoteIdent(wanted) + (wanted == "public" ? "" : ", public");
    tx.exec_params("SELECT pg_catalog.set_config('search_path', $1, false)", path);
  } catch (const Error &) {
    throw;
  } catch (const std::exception &e) {
    fail("cannot read the search path", e);
  }
}

void PostgresConnection::fail(const std::string &what, const std::exception &e,
                              const std::string &statement) const {
  std::string msg = what + " on " + url_.masked() + ": " + serverMessage(e);
  if (!statement.empty()) msg += "\n  statement: " + statement;
  throw Error(maskSecrets(msg, url_), {}, {}, kindOf(e));
}

const Dialect &PostgresConnection::dialect() const {
  return postgresDialect();
}

std::vector<Row> PostgresConnection::run(pqxx::transaction_base &tx, const std::string &sql,
                                         const std::vector<std::string> &params) {
  pqxx::result r = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  std::vector<Row> rows;
  rows.reserve(r.size());
  for (const auto &row : r) {
    Row out;
    out.reserve(row.size());
    for (const auto &field : row) {
      if (field.is_null())
        out.emplace_back(std::nullopt);
      else
        out.emplace_back(std::string(field.c_str(), field.size()));
    }
    rows.push_back(std::move(out));
  }
  return rows;
}

Schema PostgresConnection::introspect() {
  try {
    // One snapshot for all catalog queries, so a concurrent migration cannot tear the picture.
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*conn_);
    Schema s = introspectSchema(
        [&](const std::string &sql, const std::vector<std::string> &params) { return run(tx, sql, params); },
        schema_);
    tx.commit();
    return s;
  } catch (const Error &) {
    throw;
  } catch (const std::exception &e) {
    fail("cannot read the schema", e);
  }
}

void PostgresConnection::apply(const std::vector<SqlStep> &steps) {
  const SqlStep *current = nullptr;
  try {
    bool anyTransactional = false;
    for (const auto &s : steps)
      anyTransactional = anyTransactional || s.transactional;
    if (anyTransactional) {
      // PostgreSQL's DDL is transactional: one failure and the work object's destructor rolls
      // everything back.
      pqxx::work tx(*conn_);
      for (const auto &s : steps) {
        if (!s.transactional) continue;
        current = &s;
        tx.exec(s.sql);
      }
      current = nullptr;
      tx.commit();
    }
    for (const auto &s : steps) {
      if (s.transactional) continue;
      current = &s;
      pqxx::nontransaction tx(*conn_);
      tx.exec(s.sql);
    }
  } catch (const std::exception &e) {
    if (!current) fail("the plan could not be committed", e);
    std::string what = "'" + current->description + "' failed";
    what += current->transactional ? " (nothing was changed)"
                                   : " (the transactional part was committed; this step can be re-run)";
    fail(what, e, current->sql);
  }
}

std::vector<Row> PostgresConnection::query(const std::string &sql, const std::vector<std::string> &params) {
  try {
    pqxx::nontransaction tx(*conn_);
    return run(tx, sql, params);
  } catch (const std::exception &e) {
    fail("query failed", e, sql);
  }
}

void PostgresConnection::execute(const std::string &sql) {
  try {
    pqxx::nontransaction tx(*conn_);
    tx.exec(sql);
  } catch (const std::exception &e) {
    fail("statement failed", e, sql);
  }
}

} // namespace tether::pg
