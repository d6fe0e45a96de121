#pragma once
#include "dialect/connection.h"
#include "dialect/open_options.h"
#include "dialect/url.h"
#include <chrono>
#include <sqlite3.h>

namespace tether::sqlite {

class SqliteConnection : public Connection {
public:
  SqliteConnection(const DbUrl &url, const OpenOptions &opts);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection &) = delete;
  SqliteConnection &operator=(const SqliteConnection &) = delete;

  const Dialect &dialect() const override;
  Schema introspect() override;
  // One transaction for the whole plan, with foreign keys switched off outside it (and confirmed
  // off) so that rebuilding a parent table never fires ON DELETE actions on its children; a step
  // that returns rows is a failed check (the rebuild's foreign-key check). Triggers that went
  // with a rebuilt table are recreated before the commit.
  void apply(const std::vector<SqlStep> &steps) override;
  std::vector<Row> query(const std::string &sql, const std::vector<std::string> &params = {}) override;
  void execute(const std::string &sql) override;
  std::optional<std::vector<NativeOrphanCount>> nativeOrphanCounts() override;
  std::string displayName() const override { return url_.masked(); }

private:
  void runInTransaction(const std::vector<SqlStep> &steps);
  // SQLite has no statement timeout: a progress handler interrupts a query past its deadline.
  void armDeadline();
  void disarmDeadline();
  DbUrl url_;
  sqlite3 *db_ = nullptr;
  int timeoutMs_ = 0;
  std::chrono::steady_clock::time_point deadline_;
};

} // namespace tether::sqlite
