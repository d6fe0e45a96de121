#pragma once
#include "querylog/fingerprint.h"
#include "querylog/shape.h"
#include "querylog/statement_event.h"
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace tether {

struct RepeatOptions {
  int threshold = 5;          // executions with different values in one unit of work
  double idleGapMs = 1000;    // without BEGIN/COMMIT, this much silence in a session ends a unit
  size_t maxSessions = 20000; // open sessions kept; the least recently active are closed beyond it
};

// One statement shape and what the log showed about it.
struct ShapeEntry {
  std::string fingerprint; // capped in length for very long statements
  ShapeInfo info;
};

// A lookup shape repeated, with different values, in at least one unit of work after an earlier
// query: an N+1 burst. Aggregated over every unit and session.
struct RepeatedLookup {
  uint32_t shape = 0;
  long long worstCount = 0;  // executions in the worst unit
  long long occurrences = 0; // units where it repeated
  std::set<std::string> sessions;
  double totalMs = 0; // of the repeated executions, when durations were logged
  bool timed = false;
  std::string example; // the first statement of the worst unit, as logged
  std::string file;
  long line = 0;
  uint32_t parentShape = UINT32_MAX; // the read just before the first repetition (the "1" of N+1)
  // The worst unit was not one transaction (statements outside one, or one-statement transactions
  // taken together): one server process ran it, but a transaction pooler may have served several
  // clients through that process in turn.
  bool spansTransactions = false;
};

// Follows sessions, splits them into units of work (transactions, or idle gaps when times are
// logged) and counts each lookup shape across a unit, so interleaved nested loops still count.
// Memory grows with distinct shapes and open sessions only.
class RepeatDetector : public StatementSink {
public:
  explicit RepeatDetector(RepeatOptions opts);
  ~RepeatDetector() override;
  void onEvent(const StatementEvent &e) override;
  void finish();                               // closes every open unit; call after the last file
  std::vector<RepeatedLookup> results() const; // worst first
  const ShapeEntry &shape(uint32_t id) const { return shapes_[id]; }
  size_t shapeCount() const { return shapes_.size(); }
  // Connections received under a key (a process id) whose session had not ended: the process id
  // was reused while log_disconnections was off (or its line was lost). Each started a new session.
  long long reusedSessionKeys() const { return reusedKeys_; }

private:
  struct Session;
  struct UnitShape;
  struct Held;
  // `textHash` is hashBytes(text): an event's text is hashed once, for every use of it.
  uint32_t shapeOf(std::string_view text, uint64_t textHash, uint64_t &valueHash);
  void statement(Session &s, const StatementEvent &e, uint32_t shape, uint64_t valueHash);
  void releaseHeld(Session &s);
  Session &session(std::string_view key);
  void closeUnit(Session &s);
  void evictIdle(double now);

  RepeatOptions opts_;
  std::vector<ShapeEntry> shapes_;
  std::unordered_map<uint64_t, uint32_t> byFingerprint_;
  std::unordered_map<uint64_t, uint32_t> byRawText_; // texts without literals: skip fingerprinting
  std::unordered_map<std::string, std::unique_ptr<Session>> sessions_;
  std::unordered_map<uint32_t, RepeatedLookup> found_;
  Fingerprint scratch_;
  std::string lastFile_;
  unsigned long long events_ = 0;
  double latestTs_ = -1;
  long long reusedKeys_ = 0;
};

} // namespace tether
