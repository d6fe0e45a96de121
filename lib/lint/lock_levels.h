#pragma once
#include <string>
#include <vector>

namespace tether::lint {

// PostgreSQL's table lock modes, weakest first (the order of the conflict table in the docs).
enum class LockLevel {
  None,
  AccessShare,
  RowShare,
  RowExclusive,
  ShareUpdateExclusive,
  Share,
  ShareRowExclusive,
  Exclusive,
  AccessExclusive
};

// How long the lock is held: for a catalog change only (instant), while every row is read (scan),
// while every row is rewritten (rewrite), or while an index is built (build).
enum class LockDuration { Instant, Scan, Rewrite, Build };

// What one kind of statement locks, as PostgreSQL's AlterTableGetLockLevel() and the command
// sources decide it (PostgreSQL 15), with the version notes that change the answer.
struct LockEntry {
  const char *statement; // e.g. "ALTER TABLE … ADD COLUMN"
  LockLevel lock;
  LockDuration duration;
  const char *note; // version differences and caveats; "" when none
};

const std::vector<LockEntry> &lockTable();
// The entry whose statement is exactly `statement`; throws std::logic_error when there is none, so
// a reader asking for a statement the table lacks fails in the tests, not silently.
const LockEntry &lockEntry(const std::string &statement);

const char *lockLevelName(LockLevel l);       // "ACCESS EXCLUSIVE"
const char *lockDurationName(LockDuration d); // "instant", "scan", "rewrite", "build"
inline bool blocksReads(LockLevel l) {
  return l == LockLevel::AccessExclusive;
}
inline bool blocksWrites(LockLevel l) {
  return l >= LockLevel::Share;
}
// What the lock stops, for messages: "reads and writes", "writes", "other DDL", "nothing".
std::string lockEffect(LockLevel l);

} // namespace tether::lint
