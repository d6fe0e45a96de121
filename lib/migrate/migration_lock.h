#pragma once
#include "dialect/connection.h"
#include <memory>
#include <optional>
#include <string>

namespace tether {

// Held for a whole migrate apply/down run so concurrent appliers take turns: the others wait,
// then find nothing left to do.
//  - a database with session locks (Dialect::advisoryLock(), PostgreSQL's advisory locks): that
//    lock on a fixed key, on a connection of its own;
//  - otherwise (SQLite): an exclusive flock on "<database file>.tether-lock" (SQLite's own write
//    lock lasts one transaction; this one lasts the run). In-memory databases need none.
// Waits up to `timeoutSeconds`, then throws Error (exit 2) naming the holder.
class MigrationLock {
public:
  MigrationLock(const std::string &url, double timeoutSeconds);
  ~MigrationLock();
  MigrationLock(const MigrationLock &) = delete;
  MigrationLock &operator=(const MigrationLock &) = delete;

private:
  void lockDatabase(const std::string &url, const AdvisoryLockSql &sql, double timeoutSeconds);
  void lockFile(const std::string &path, double timeoutSeconds);
  std::unique_ptr<Connection> session_;
  std::optional<AdvisoryLockSql> sql_;
  int fd_ = -1;
};

// The advisory lock key: "tether migrate" in ASCII, fits in 32 bits so pg_locks shows it in objid.
constexpr long long kAdvisoryLockKey = 0x74657468; // "teth"

} // namespace tether
