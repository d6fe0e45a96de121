#include "dialect/postgres/pg_connection.h"
#include "core/error.h"
#include "core/strings.h"
#include "dialect/postgres/pg_introspect.h"
#include "dialect/postgres/pg_query_stats.h"
#include "dialect/postgres/pg_quote.h"
#include "dialect/postgres/postgres.h"
#include <chrono>
#include <cstdlib>
#include <optional>
#include <thread>

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
    if (opts.lockTimeoutMs > 0)
      tx.exec_params("SELECT pg_catalog.set_config('lock_timeout', $1, false)",
                     std::to_string(opts.lockTimeoutMs));
    lockTimeoutMs_ = opts.lockTimeoutMs;
    statementTimeoutMs_ = opts.statementTimeoutMs;
    lockRetries_ = opts.lockRetries;
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
    searchPath_ = path;
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
  std::string hint;
  if (isLockTimeout(e)) {
    msg += "\n  " + lockHolders(statement);
    hint = "end or wait for that transaction, then re-run (nothing was changed by this step); "
           "--lock-timeout sets how long to wait";
  } else if (!conn_ || !conn_->is_open()) {
    // libpqxx reports a use of an already-dead connection as "Could not obtain client encoding: not
    // connected", which names a symptom, not the cause: only a message from the server is worth adding.
    std::string why = serverMessage(e);
    if (why.find("client encoding") != std::string::npos) why.clear();
    msg = what + " on " + url_.masked() + ": the connection to the server was lost" +
          (why.empty() ? "" : " (" + why + ")");
    if (!statement.empty()) msg += "\n  statement: " + statement;
    hint = "the server ended the session (restart, pg_terminate_backend, network); an open transaction was "
           "rolled back by the server, so a rerun is safe";
  }
  throw Error(maskSecrets(msg, url_), {}, hint,
              conn_ && conn_->is_open() ? kindOf(e) : ErrorKind::Connection);
}

bool PostgresConnection::isLockTimeout(const std::exception &e) {
  auto *sql = dynamic_cast<const pqxx::sql_error *>(&e);
  return sql && sql->sqlstate() == "55P03";
}

std::string PostgresConnection::lockHolders(const std::string &statement) const {
  // The statement already gave up, so pg_blocking_pids() of this session is empty by now: ask
  // which other sessions hold locks on the tables the statement names, oldest transaction first.
  try {
    pqxx::nontransaction tx(*conn_);
    pqxx::result r = tx.exec_params(
        "SELECT a.pid::text, coalesce(a.application_name, ''), coalesce(a.state, ''), "
        "left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 200), c.relname "
        "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
        "JOIN pg_catalog.pg_class c ON c.oid = l.relation "
        "WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid() AND l.database = "
        "(SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database()) "
        "AND c.relkind IN ('r', 'p') AND ($1 = '' OR strpos($1, c.relname) > 0) "
        "ORDER BY a.xact_start NULLS LAST LIMIT 1",
        statement);
    if (r.empty()) return "another session held a lock on the table";
    const auto &row = r[0];
    return "blocked by server process pid " + std::string(row[0].c_str()) + " (application '" +
           row[1].c_str() + "', " + row[2].c_str() + ", holding a lock on " + row[4].c_str() +
           "; its last query: " + row[3].c_str() + ")";
  } catch (const std::exception &) {
    return "another session held a lock on the table";
  }
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
    // A second connection that imports it reads the keys and indexes meanwhile, so the server
    // answers on two cores; where the snapshot cannot be exported (a server or proxy without
    // pg_export_snapshot), one connection reads everything in turn.
    std::optional<std::string> snapshot;
    {
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*conn_);
      try {
        pqxx::result r = tx.exec("SELECT pg_catalog.pg_export_snapshot()");
        if (!r.empty() && !r[0][0].is_null()) snapshot = r[0][0].c_str();
      } catch (const pqxx::sql_error &) {
        snapshot.reset();
      }
      if (snapshot) {
        std::unique_ptr<pqxx::connection> helper;
        std::unique_ptr<pqxx::quiet_errorhandler> helperQuiet;
        std::optional<pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>> helperTx;
        CatalogQuery alongside = [&](const std::string &sql, const std::vector<std::string> &params) {
          if (!helper) {
            helper = std::make_unique<pqxx::connection>(conninfoFor(url_));
            helperQuiet = std::make_unique<pqxx::quiet_errorhandler>(*helper);
            helperTx.emplace(*helper);
            helperTx->exec("SET TRANSACTION SNAPSHOT " + helperTx->quote(*snapshot));
            // Deparsed names (types, index expressions) are qualified by the search path.
            if (!searchPath_.empty())
              helperTx->exec_params("SELECT pg_catalog.set_config('search_path', $1, true)", searchPath_);
            if (statementTimeoutMs_ > 0)
              helperTx->exec_params("SELECT pg_catalog.set_config('statement_timeout', $1, true)",
                                    std::to_string(statementTimeoutMs_));
          }
          return run(*helperTx, sql, params);
        };
        Schema s =
            introspectSchema([&](const std::string &sql,
                                 const std::vector<std::string> &params) { return run(tx, sql, params); },
                             schema_, alongside);
        tx.commit();
        try {
          if (helperTx) helperTx->commit();
        } catch (const std::exception &) {
          // It only read, and what it read is already in `s`.
        }
        return s;
      }
    }
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

std::vector<OtherSchema> PostgresConnection::otherSchemas() {
  // Tables, partitioned tables, views and materialized views the role can see: what a user means
  // by "my tables in billing".
  static const char *const sql =
      "SELECT n.nspname, count(*) FROM pg_catalog.pg_class c "
      "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND n.nspname <> $1 "
      "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
      "AND n.nspname NOT LIKE 'tether\\_replay\\_%' "
      "GROUP BY n.nspname ORDER BY n.nspname";
  try {
    pqxx::nontransaction tx(*conn_);
    std::vector<OtherSchema> out;
    for (const Row &r : run(tx, sql, {schema_}))
      out.push_back({r[0].value_or(""), std::stoll(r[1].value_or("0"))});
    return out;
  } catch (const Error &) {
    throw;
  } catch (const std::exception &e) {
    fail("cannot list the other schemas", e);
  }
}

void PostgresConnection::apply(const std::vector<SqlStep> &steps) {
  bool anyTransactional = false;
  size_t outsideTotal = 0;
  for (const auto &s : steps) {
    anyTransactional = anyTransactional || s.transactional;
    outsideTotal += !s.transactional;
  }
  bool committed = !anyTransactional;
  size_t outsideDone = 0;
  const SqlStep *current = nullptr;
  for (int attempt = 0;; ++attempt) {
    try {
      if (!committed) {
        // PostgreSQL's DDL is transactional: one failure and the work object's destructor rolls
        // everything back.
        pqxx::work tx(*conn_);
        for (const auto &s : steps) {
          if (!s.transactional) continue;
          current = &s;
          // exec_params: the extended protocol runs exactly one statement per step.
          tx.exec_params(s.sql);
        }
        current = nullptr;
        tx.commit();
        committed = true;
      }
      size_t seen = 0;
      for (const auto &s : steps) {
        if (s.transactional || seen++ < outsideDone) continue;
        current = &s;
        pqxx::nontransaction tx(*conn_);
        tx.exec_params(s.sql);
        ++outsideDone;
      }
      return;
    } catch (const std::exception &e) {
      // A lock timeout inside the transaction changed nothing: wait a little and try it whole again.
      if (!committed && current && isLockTimeout(e) && attempt < lockRetries_ && conn_->is_open()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(500 * (attempt + 1)));
        continue;
      }
      std::string done;
      if (!committed)
        done = "nothing was changed: the transaction was rolled back";
      else if (anyTransactional)
        done = "the transaction was committed; " + std::to_string(outsideDone) + " of " +
               std::to_string(outsideTotal) + " statement(s) run after it completed";
      else
        done =
            std::to_string(outsideDone) + " of " + std::to_string(outsideTotal) + " statement(s) completed";
      if (!conn_->is_open()) {
        std::string msg = "the connection to " + url_.masked() + " was lost";
        if (current)
          msg += " during '" + current->description + "'";
        else if (!committed)
          msg += " while committing";
        // libpq's own words here ("Could not obtain client encoding: not connected") say nothing useful.
        msg += " (the server closed the session)";
        std::string outcome =
            !committed && !current ? "the server may or may not have committed the transaction" : done;
        throw Error(maskSecrets(msg + "\n  " + outcome, url_), {},
                    "a rerun is safe: tether plans again from what the database now holds and runs only "
                    "what is still missing",
                    ErrorKind::Connection);
      }
      if (!current) fail("the plan could not be committed", e);
      std::string what = "'" + current->description + "' failed (" + done + ")";
      if (!current->transactional) what += "; this step can be re-run";
      fail(what, e, current->sql);
    }
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

QueryStatsRead PostgresConnection::queryStats() {
  try {
    // Each catalog query on its own: a failed read of the view must not abort a transaction the
    // other reads share.
    return readPgStatStatements([&](const std::string &sql, const std::vector<std::string> &params) {
      pqxx::nontransaction tx(*conn_);
      return run(tx, sql, params);
    });
  } catch (const Error &) {
    throw;
  } catch (const std::exception &e) {
    fail("cannot read pg_stat_statements", e);
  }
}

} // namespace tether::pg
