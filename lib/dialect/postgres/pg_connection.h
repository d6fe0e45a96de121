#pragma once
// libpqxx stays inside this folder: only pg_connection.cpp and postgres.cpp include this header.
#include "dialect/connection.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <memory>
#include <pqxx/pqxx>

namespace tether::pg {

class PostgresConnection final : public Connection {
public:
  PostgresConnection(const DbUrl &url, const OpenOptions &opts);
  const Dialect &dialect() const override;
  Schema introspect() override;
  std::vector<OtherSchema> otherSchemas() override;
  void apply(const std::vector<SqlStep> &steps) override;
  std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params = {}) override;
  void execute(const std::string &sql) override;
  QueryStatsRead queryStats() override;
  std::string displayName() const override { return url_.masked(); }
  const std::string &schema() const { return schema_; }

private:
  std::vector<Row> run(pqxx::transaction_base &tx, const std::string &sql,
                       const std::vector<std::string> &params);
  [[noreturn]] void fail(const std::string &what, const std::exception &e,
                         const std::string &statement = "") const;
  void chooseSchema(const std::string &wanted);
  static bool isLockTimeout(const std::exception &e);
  // Who holds the lock a statement timed out on: pid, application, state and query, for the message.
  std::string lockHolders(const std::string &statement) const;

  DbUrl url_;
  std::unique_ptr<pqxx::connection> conn_;
  // Notices (IF EXISTS skips, implicit index names) are not ours to print on stderr.
  std::unique_ptr<pqxx::quiet_errorhandler> quiet_;
  std::string schema_;
  int lockTimeoutMs_ = 0;
  int statementTimeoutMs_ = 0;
  std::string searchPath_; // as chooseSchema set it; empty: the server's default
  int lockRetries_ = 0;
};

} // namespace tether::pg
