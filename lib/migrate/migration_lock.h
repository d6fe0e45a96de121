#pragma once
#include "dialect/connection.h"
#include <memory>
#include <string>

namespace tether {

// Held for a whole migrate apply/down run so concurrent appliers take turns: the others wait,
// then find nothing left to do.
//  - PostgreSQL: a session advisory lock on a fixed key, on a connection of its own;
//  - SQLite: an exclusive flock on "<database file>.tether-lock" (SQLite's own write lock
//    lasts one transaction; this one lasts the run). In-memory databases need none.
// Waits up to `timeoutSeconds`, then throws Error (exit 2) naming the holder.
class MigrationLock {
public:
  MigrationLock(const std::string &url, double timeoutSeconds);
  ~MigrationLock();
  MigrationLock(const MigrationLock &) = delete;
  MigrationLock &operator=(const MigrationLock &) = delete;

private:
  void lockPostgres(const std::string &url, double timeoutSeconds);
  void lockFile(const std::string &path, double timeoutSeconds);
  std::unique_ptr<Connection> pg_;
  int fd_ = -1;
};

// The advisory lock key: "tether migrate" in ASCII, fits in 32 bits so pg_locks shows it in objid.
constexpr long long kAdvisoryLockKey = 0x74657468; // "teth"

} // namespace tether
