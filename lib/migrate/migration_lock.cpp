#include "migrate/migration_lock.h"
#include "core/error.h"
#include "core/strings.h"
#include "drivers/open.h"
#include "drivers/url.h"
#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace tether {

namespace {
using Clock = std::chrono::steady_clock;
constexpr auto kPoll = std::chrono::milliseconds(100);

Clock::time_point deadlineAfter(double seconds) {
  return Clock::now() + std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::string waited(double seconds) {
  std::string s = std::to_string(seconds);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s + " s";
}
} // namespace

MigrationLock::MigrationLock(const std::string &url, double timeoutSeconds) {
  DbUrl u = parseDbUrl(url);
  if (auto sql = dialectForUrl(url).advisoryLock())
    lockDatabase(url, *sql, timeoutSeconds);
  else if (u.path != ":memory:" && !u.path.empty())
    lockFile(u.path + ".tether-lock", timeoutSeconds);
}

MigrationLock::~MigrationLock() {
  if (session_) {
    try {
      session_->query(sql_->unlock, {std::to_string(kAdvisoryLockKey)});
    } catch (...) {
      // Closing the session releases it anyway.
    }
  }
  if (fd_ >= 0) {
    flock(fd_, LOCK_UN);
    close(fd_);
  }
}

void MigrationLock::lockDatabase(const std::string &url, const AdvisoryLockSql &sql, double timeoutSeconds) {
  session_ = openConnection(url);
  sql_ = sql;
  const std::string key = std::to_string(kAdvisoryLockKey);
  auto deadline = deadlineAfter(timeoutSeconds);
  for (;;) {
    auto rows = session_->query(sql.tryLock, {key});
    if (!rows.empty() && rows[0][0].value_or("") == "t") return;
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(kPoll);
  }
  auto holders = session_->query(sql.holders, {key});
  std::string who = "another session";
  if (!holders.empty())
    who = "server process pid " + holders[0][0].value_or("?") + " (application '" +
          holders[0][1].value_or("") + "', from " + holders[0][2].value_or("?") + ")";
  throw Error("another tether migrate run holds the migration lock on " + session_->displayName() + ": " +
                  who + "; gave up after " + waited(timeoutSeconds),
              {}, sql.hint);
}

void MigrationLock::lockFile(const std::string &path, double timeoutSeconds) {
  // O_NOFOLLOW and the checks below: a symlink or hard link planted at the lock's path must never
  // make tether truncate a file it did not create.
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0 && errno == ELOOP)
    throw Error("the migration lock file " + path + " is a symlink; tether will not write through it",
                SourceLoc{path, 0, 0}, "remove it; tether creates the lock file itself");
  if (fd_ < 0)
    throw Error("cannot open the migration lock file " + path, SourceLoc{path, 0, 0},
                "the database's folder must be writable");
  struct stat st {};
  if (fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 || st.st_size > 64) {
    close(fd_);
    fd_ = -1;
    throw Error("the migration lock file " + path + " is not one tether created", SourceLoc{path, 0, 0},
                "remove it; tether creates the lock file itself");
  }
  auto deadline = deadlineAfter(timeoutSeconds);
  while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (Clock::now() >= deadline) {
      char buf[32] = {};
      ssize_t n = pread(fd_, buf, sizeof buf - 1, 0);
      std::string pid = n > 0 ? trim(std::string(buf, static_cast<size_t>(n))) : "";
      close(fd_);
      fd_ = -1;
      throw Error("another tether migrate run holds the migration lock " + path +
                      (pid.empty() ? "" : " (process " + pid + ")") + "; gave up after " +
                      waited(timeoutSeconds),
                  SourceLoc{path, 0, 0}, "wait for it to finish, or raise --lock-timeout");
    }
    std::this_thread::sleep_for(kPoll);
  }
  std::string pid = std::to_string(getpid()) + "\n";
  if (ftruncate(fd_, 0) == 0 && pwrite(fd_, pid.data(), pid.size(), 0) < 0) {
    // Only for the message another waiter prints; the lock itself holds.
  }
}

} // namespace tether
