#include "querylog/chunked_reader.h"
#include "querylog/line_source.h"
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tether {

namespace {

// Chunks parsed ahead of the sink, per parsing thread: enough that a thread rarely waits for the
// sink, few enough that memory stays a few chunks' worth.
constexpr size_t kChunksPerThread = 2;
// Looking for a chunk's first line reads a line or two: a small block, not a whole one.
constexpr size_t kSplitBlock = 64 * 1024;

// One event as a chunk keeps it (every field of StatementEvent but the file, the same for all):
// its strings one after another in the chunk's arena. Small, since a chunk holds tens of
// thousands and another core reads them.
struct StoredEvent {
  size_t at;                               // session, then text, then params, in the arena
  uint32_t sessionLen, textLen, paramsLen; // longer strings make the chunk fail (see onEvent)
  StatementEvent::Kind kind;
  bool fromPlan;
  double timestampMs, durationMs;
  long line; // relative to the chunk until delivery
};

struct Chunk {
  long long begin = 0, end = 0;
  std::vector<StoredEvent> events;
  std::string arena;
  ChunkedReadStats stats;
  std::exception_ptr failed;
  bool ready = false;
};

class ChunkRecorder : public StatementSink {
public:
  explicit ChunkRecorder(Chunk &c) : c_(c) {}
  void onEvent(const StatementEvent &e) override {
    // A statement of 4 GiB (a hostile file's endless continuation lines): this chunk is read
    // again on the sink's thread, whose events are not stored.
    if ((e.session.size() | e.text.size() | e.params.size()) > UINT32_MAX)
      throw std::length_error("statement too long to keep");
    size_t at = c_.arena.size();
    c_.arena.append(e.session.data(), e.session.size());
    c_.arena.append(e.text.data(), e.text.size());
    c_.arena.append(e.params.data(), e.params.size());
    c_.events.push_back(StoredEvent{
        at, static_cast<uint32_t>(e.session.size()), static_cast<uint32_t>(e.text.size()),
        static_cast<uint32_t>(e.params.size()), e.kind, e.fromPlan, e.timestampMs, e.durationMs, e.line});
  }

private:
  Chunk &c_;
};

class NoSink : public StatementSink {
public:
  void onEvent(const StatementEvent &) override {}
};

class ChunkedReader {
public:
  ChunkedReader(int fd, const std::string &name, long long size,
                const std::function<std::unique_ptr<LogParser>(StatementSink &)> &makeParser, int threads,
                size_t chunkBytes)
      : fd_(fd), name_(name), size_(size), makeParser_(makeParser),
        chunkBytes_(chunkBytes > 0 ? static_cast<long long>(chunkBytes) : 1),
        slots_(threads * kChunksPerThread), splitter_(makeParser(noSink_)) {
    allClaimed_ = size_ <= 0;
    try {
      for (int i = 0; i < threads; ++i)
        workers_.emplace_back([this] { work(); });
    } catch (...) {
      stop();
      throw;
    }
  }
  ~ChunkedReader() { stop(); }
  ChunkedReader(const ChunkedReader &) = delete;
  ChunkedReader &operator=(const ChunkedReader &) = delete;

  ChunkedReadStats deliver(StatementSink &sink, const std::function<void(long long)> &progress) {
    ChunkedReadStats total;
    for (long k = 0;; ++k) {
      Chunk *c = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock,
                      [&] { return (k < claimed_ && slot(k).ready) || (allClaimed_ && k >= claimed_); });
        if (k >= claimed_) break;
        c = &slot(k);
      }
      if (c->failed) {
        // Again, on this thread with the true line numbers: the same error a serial read raises,
        // after the same events.
        c->stats = ChunkedReadStats();
        parse(c->begin, c->end, static_cast<long>(total.lines), sink, c->stats);
      } else {
        const char *base = c->arena.data();
        StatementEvent e;
        e.file = name_;
        for (const StoredEvent &s : c->events) {
          const char *at = base + s.at;
          e.kind = s.kind;
          e.session = std::string_view(at, s.sessionLen);
          e.text = std::string_view(at + s.sessionLen, s.textLen);
          e.params = std::string_view(at + s.sessionLen + s.textLen, s.paramsLen);
          e.timestampMs = s.timestampMs;
          e.durationMs = s.durationMs;
          e.line = s.line + static_cast<long>(total.lines);
          e.fromPlan = s.fromPlan;
          sink.onEvent(e);
        }
      }
      long long before = total.lines;
      total.lines += c->stats.lines;
      total.statements += c->stats.statements;
      total.skipped += c->stats.skipped;
      total.recognized += c->stats.recognized;
      ++total.chunks;
      if (progress && (before >> 20) != (total.lines >> 20)) progress(total.lines);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        c->events.clear();
        c->arena.clear();
        c->failed = nullptr;
        c->stats = ChunkedReadStats();
        c->ready = false;
        delivered_ = k + 1;
      }
      changed_.notify_all();
    }
    return total;
  }

private:
  Chunk &slot(long k) { return slots_[static_cast<size_t>(k) % slots_.size()]; }

  void stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (auto &w : workers_)
      if (w.joinable()) w.join();
  }

  // The first line that starts at or after `from` and starts afresh; the end when none does.
  long long nextStart(long long from) {
    if (from >= size_) return size_;
    LineSource src(fd_, name_, from - 1, size_, 0, kSplitBlock);
    std::string_view l;
    src.next(l); // the end of the line `from` falls in, or the "\n" just before it
    for (;;) {
      long long at = src.offset();
      if (!src.next(l)) return size_;
      if (splitter_->startsAfresh(withoutLeadingNuls(l))) return at;
    }
  }

  // Claims the next chunk once its slot is free; false when the whole file is claimed.
  bool claim(long &k) {
    std::lock_guard<std::mutex> split(splitMutex_);
    if (cursor_ >= size_) return false;
    k = nextChunk_;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || k < delivered_ + static_cast<long>(slots_.size()); });
      if (stop_) return false;
    }
    long long begin = cursor_, end;
    try {
      end = nextStart(begin + chunkBytes_);
    } catch (...) {
      end = size_; // the rest is one chunk; parsing it meets the same error, raised in order
    }
    cursor_ = end;
    ++nextChunk_;
    Chunk &c = slot(k); // free: its last chunk was delivered and cleared
    c.begin = begin;
    c.end = end;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      claimed_ = k + 1;
      if (end >= size_) allClaimed_ = true;
    }
    changed_.notify_all();
    return true;
  }

  void work() {
    long k = 0;
    while (claim(k)) {
      Chunk &c = slot(k);
      ChunkRecorder recorder(c);
      try {
        parse(c.begin, c.end, 0, recorder, c.stats);
      } catch (...) {
        c.failed = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        c.ready = true;
      }
      changed_.notify_all();
    }
  }

  void parse(long long begin, long long end, long firstLine, StatementSink &sink, ChunkedReadStats &stats) {
    LineSource src(fd_, name_, begin, end, firstLine);
    std::unique_ptr<LogParser> parser = makeParser_(sink);
    std::string_view l;
    while (src.next(l))
      parser->line(!l.empty() && l[0] == '\0' ? withoutLeadingNuls(l) : l, src.lineNumber());
    parser->finish();
    stats.lines = src.lineNumber() - firstLine;
    stats.statements = parser->statements();
    stats.skipped = parser->skipped();
    stats.recognized = parser->recognized();
  }

  const int fd_;
  const std::string name_;
  const long long size_;
  const std::function<std::unique_ptr<LogParser>(StatementSink &)> &makeParser_;
  const long long chunkBytes_;

  std::mutex splitMutex_; // the cursor; taken before mutex_ when both are
  long long cursor_ = 0;
  long nextChunk_ = 0;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Chunk> slots_; // chunk k lives in slots_[k % size] from its claim to its delivery
  long claimed_ = 0, delivered_ = 0;
  bool allClaimed_ = false, stop_ = false;

  NoSink noSink_;
  std::unique_ptr<LogParser> splitter_; // only its startsAfresh(), under splitMutex_
  std::vector<std::thread> workers_;
};

} // namespace

ChunkedReadStats readChunked(int fd, const std::string &name, long long size,
                             const std::function<std::unique_ptr<LogParser>(StatementSink &)> &makeParser,
                             int threads, size_t chunkBytes, StatementSink &sink,
                             const std::function<void(long long lines)> &progress) {
  ChunkedReader reader(fd, name, size, makeParser, threads > 0 ? threads : 1, chunkBytes);
  return reader.deliver(sink, progress);
}

} // namespace tether
