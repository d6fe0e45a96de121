#include "querylog/repeat_detector.h"
#include <algorithm>

namespace tether {

namespace {
constexpr uint32_t kNone = UINT32_MAX;
constexpr size_t kMaxFingerprint = 4000;
constexpr size_t kMaxExample = 4000;
constexpr size_t kMaxRawCache = 1u << 16;
} // namespace

struct RepeatDetector::UnitShape {
  long long count = 0;
  std::vector<uint64_t> values; // distinct values seen, up to the threshold
  double ms = 0;
  bool timed = false;
  bool preceded = false;
  uint32_t parent = kNone;
  std::string example, file;
  long line = 0;
};

// The first statement of a transaction, held until the transaction shows whether it is a
// one-statement transaction (taken with the statements around it) or a unit of work of its own.
struct RepeatDetector::Held {
  bool active = false;
  std::string text, params, file;
  StatementEvent event;
};

struct RepeatDetector::Session {
  std::string key;
  Held held;
  int txStatements = 0;
  bool unitOutside = false; // the unit counted statements outside a transaction
  int unitTransactions = 0; // transactions whose statements the unit counted
  uint64_t lastText = 0;    // the last statement's text, to drop an auto_explain plan repeating it
  bool lastFromPlan = false;
  bool active = false; // ran a statement since it connected
  std::unordered_map<uint32_t, UnitShape> unit;
  std::vector<uint32_t> touched; // lookup shapes seen in the current unit
  uint32_t lastRead = kNone;
  uint32_t lastShape = kNone;
  double lastTs = -1;
  unsigned long long lastEvent = 0;
  bool inTransaction = false;
};

RepeatDetector::RepeatDetector(RepeatOptions opts) : opts_(opts) {
  if (opts_.threshold < 2) opts_.threshold = 2;
}
RepeatDetector::~RepeatDetector() = default;

uint32_t RepeatDetector::shapeOf(std::string_view text, uint64_t raw, uint64_t &valueHash) {
  auto hit = byRawText_.find(raw);
  if (hit != byRawText_.end()) {
    valueHash = 0;
    return hit->second;
  }
  fingerprintSql(text, scratch_);
  // No literals: no values, as a hit in the raw-text cache (which holds only such texts) says.
  valueHash = scratch_.literals == 0 ? 0 : scratch_.valueHash;
  uint64_t fp = hashBytes(scratch_.text);
  uint32_t id;
  auto it = byFingerprint_.find(fp);
  if (it != byFingerprint_.end()) {
    id = it->second;
  } else {
    id = static_cast<uint32_t>(shapes_.size());
    ShapeEntry entry;
    entry.info = analyzeShape(scratch_.text);
    entry.fingerprint = displayFingerprint(std::string_view(scratch_.text).substr(0, kMaxFingerprint));
    shapes_.push_back(std::move(entry));
    byFingerprint_.emplace(fp, id);
  }
  if (scratch_.literals == 0) {
    if (byRawText_.size() >= kMaxRawCache) byRawText_.clear();
    byRawText_.emplace(raw, id);
  }
  return id;
}

RepeatDetector::Session &RepeatDetector::session(std::string_view key) {
  auto it = sessions_.find(std::string(key));
  if (it != sessions_.end()) return *it->second;
  if (sessions_.size() >= opts_.maxSessions) {
    // Close the least recently active half: a bound on memory however many sessions a log has.
    std::vector<std::pair<unsigned long long, std::string>> order;
    for (auto &[k, s] : sessions_)
      order.emplace_back(s->lastEvent, k);
    std::sort(order.begin(), order.end());
    for (size_t i = 0; i < order.size() / 2; ++i) {
      auto victim = sessions_.find(order[i].second);
      releaseHeld(*victim->second);
      closeUnit(*victim->second);
      sessions_.erase(victim);
    }
  }
  auto s = std::make_unique<Session>();
  s->key.assign(key.data(), key.size());
  Session &ref = *s;
  sessions_.emplace(ref.key, std::move(s));
  return ref;
}

void RepeatDetector::closeUnit(Session &s) {
  for (uint32_t id : s.touched) {
    UnitShape &u = s.unit[id];
    if (u.preceded && static_cast<int>(u.values.size()) >= opts_.threshold) {
      RepeatedLookup &r = found_[id];
      r.shape = id;
      ++r.occurrences;
      if (r.sessions.size() < 10000) r.sessions.insert(s.key);
      if (u.timed) {
        r.timed = true;
        r.totalMs += u.ms;
      }
      if (u.count > r.worstCount) {
        r.spansTransactions = s.unitOutside || s.unitTransactions > 1;
        r.worstCount = u.count;
        r.example = u.example;
        r.file = u.file;
        r.line = u.line;
        r.parentShape = u.parent;
      }
    }
    u.count = 0;
    u.values.clear();
    u.ms = 0;
    u.timed = false;
  }
  s.touched.clear();
  s.lastRead = kNone;
  s.lastShape = kNone;
  s.unitOutside = false;
  s.unitTransactions = 0;
}

namespace {
// `= ANY($1)` bound to a one-element array ("$1 = '{5}'", "ANY('{5}')"): one value, a lookup.
bool oneElementArray(std::string_view s) {
  size_t open = s.find('{');
  if (open == std::string_view::npos) return false;
  size_t close = s.find('}', open);
  if (close == std::string_view::npos || close == open + 1) return false;
  std::string_view inner = s.substr(open + 1, close - open - 1);
  return inner.find(',') == std::string_view::npos && inner.find('{') == std::string_view::npos &&
         s.find('{', close) == std::string_view::npos;
}
} // namespace

void RepeatDetector::releaseHeld(Session &s) {
  if (!s.held.active) return;
  s.held.active = false;
  StatementEvent e = s.held.event;
  e.text = s.held.text;
  e.params = s.held.params;
  e.file = s.held.file;
  uint64_t valueHash = 0;
  const uint32_t shape = shapeOf(e.text, hashBytes(e.text), valueHash);
  statement(s, e, shape, valueHash);
}

void RepeatDetector::evictIdle(double now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    Session &s = *it->second;
    if (s.lastTs >= 0 && now - s.lastTs > opts_.idleGapMs && !s.inTransaction) {
      releaseHeld(s);
      closeUnit(s);
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

void RepeatDetector::onEvent(const StatementEvent &e) {
  ++events_;
  if (e.timestampMs > latestTs_) latestTs_ = e.timestampMs;
  if ((events_ & 0xFFFF) == 0 && latestTs_ >= 0) evictIdle(latestTs_);

  if (e.kind == StatementEvent::Kind::SessionStart) {
    auto it = sessions_.find(std::string(e.session));
    if (it != sessions_.end()) {
      if (it->second->active) ++reusedKeys_;
      releaseHeld(*it->second);
      closeUnit(*it->second);
      sessions_.erase(it);
    }
    return;
  }
  if (e.kind == StatementEvent::Kind::SessionEnd) {
    auto it = sessions_.find(std::string(e.session));
    if (it != sessions_.end()) {
      releaseHeld(*it->second);
      closeUnit(*it->second);
      sessions_.erase(it);
    }
    return;
  }
  Session &s = session(e.session);
  s.lastEvent = events_;
  if (e.kind == StatementEvent::Kind::Duration) {
    if (s.held.active) {
      if (e.durationMs >= 0) s.held.event.durationMs = std::max(0.0, s.held.event.durationMs) + e.durationMs;
      return;
    }
    if (s.lastShape != kNone && e.durationMs >= 0) {
      auto it = s.unit.find(s.lastShape);
      if (it != s.unit.end() && it->second.count > 0) {
        it->second.ms += e.durationMs;
        it->second.timed = true;
      }
    }
    return;
  }

  // auto_explain logs a plan when a statement ends: with log_statement on as well, the plan of the
  // statement just logged is not another execution.
  uint64_t textHash = hashBytes(e.text);
  bool repeatsLogged = e.fromPlan && !s.lastFromPlan && textHash == s.lastText && s.active;
  s.lastText = textHash;
  s.lastFromPlan = e.fromPlan;
  if (repeatsLogged) return;
  s.active = true;

  if (e.timestampMs >= 0 && s.lastTs >= 0 && !s.inTransaction && e.timestampMs - s.lastTs > opts_.idleGapMs)
    closeUnit(s);
  if (e.timestampMs >= 0) s.lastTs = e.timestampMs;

  uint64_t valueHash = 0;
  uint32_t id = shapeOf(e.text, textHash, valueHash);
  switch (shapes_[id].info.kind) {
  case ShapeInfo::Kind::Begin:
    releaseHeld(s);
    if (s.inTransaction) closeUnit(s); // BEGIN inside a transaction: the log missed its end
    s.inTransaction = true;
    s.txStatements = 0;
    return;
  case ShapeInfo::Kind::End:
    // A transaction of one statement (each row's lookup in its own BEGIN … COMMIT) is an
    // autocommit statement with a wrapper: it joins the statements around it, as those do.
    if (s.inTransaction && s.txStatements == 1) {
      releaseHeld(s);
      ++s.unitTransactions;
    } else {
      releaseHeld(s);
      closeUnit(s);
    }
    s.inTransaction = false;
    s.txStatements = 0;
    return;
  default:
    break;
  }
  if (s.inTransaction) {
    if (++s.txStatements == 1) {
      s.held.active = true;
      s.held.text.assign(e.text.data(), e.text.size());
      s.held.params.assign(e.params.data(), e.params.size());
      s.held.file.assign(e.file.data(), e.file.size());
      s.held.event = e;
      return;
    }
    if (s.txStatements == 2) { // a unit of work of its own: what came before is another
      closeUnit(s);
      ++s.unitTransactions;
      releaseHeld(s);
    }
  } else {
    s.unitOutside = true;
  }
  statement(s, e, id, valueHash);
}

void RepeatDetector::statement(Session &s, const StatementEvent &e, uint32_t id, uint64_t valueHash) {
  const ShapeInfo &info = shapes_[id].info;
  bool lookup = info.lookup() && (!info.anyArray || oneElementArray(e.params.empty() ? e.text : e.params));
  if (lookup) {
    if (lastFile_ != e.file) lastFile_.assign(e.file.data(), e.file.size());
    UnitShape &u = s.unit[id];
    if (u.count == 0) {
      s.touched.push_back(id);
      u.preceded = s.lastRead != kNone && s.lastRead != id;
      u.parent = s.lastRead;
      u.example.assign(e.text.data(), std::min(e.text.size(), kMaxExample));
      u.file = lastFile_;
      u.line = e.line;
    }
    ++u.count;
    if (static_cast<int>(u.values.size()) < opts_.threshold) {
      uint64_t v = e.params.empty() ? valueHash : hashBytes(e.params, valueHash ^ 0x51ed27ULL);
      if (std::find(u.values.begin(), u.values.end(), v) == u.values.end()) u.values.push_back(v);
    }
    if (e.durationMs >= 0) {
      u.ms += e.durationMs;
      u.timed = true;
    }
  }
  if (info.kind == ShapeInfo::Kind::Read) s.lastRead = id;
  s.lastShape = id;
}

void RepeatDetector::finish() {
  for (auto &[k, s] : sessions_) {
    releaseHeld(*s);
    closeUnit(*s);
  }
  sessions_.clear();
}

std::vector<RepeatedLookup> RepeatDetector::results() const {
  std::vector<RepeatedLookup> out;
  for (const auto &[id, r] : found_)
    out.push_back(r);
  std::sort(out.begin(), out.end(), [](const RepeatedLookup &a, const RepeatedLookup &b) {
    if (a.worstCount != b.worstCount) return a.worstCount > b.worstCount;
    if (a.file != b.file) return a.file < b.file;
    return a.line < b.line;
  });
  return out;
}

} // namespace tether
