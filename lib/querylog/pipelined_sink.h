#pragma once
#include "querylog/statement_event.h"
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tether {

// Hands events to `target` on a thread of its own, in the order they came, so that reading and
// parsing a log (this thread) and fingerprinting and grouping its statements (that one) use two
// cores. Events are copied into batches; at most a few batches wait, so memory stays flat
// however long the log. The target sees exactly the serial sequence of events.
class PipelinedSink : public StatementSink {
public:
  explicit PipelinedSink(StatementSink &target);
  ~PipelinedSink() override; // drains, then stops the thread
  PipelinedSink(const PipelinedSink &) = delete;
  PipelinedSink &operator=(const PipelinedSink &) = delete;

  void onEvent(const StatementEvent &e) override;
  // Returns once every event handed in so far has reached the target.
  void drain();

private:
  struct Stored {
    StatementEvent event; // views left empty: rebuilt from the arena on delivery
    size_t session, sessionLen, text, textLen, params, paramsLen, file, fileLen;
  };
  struct Batch {
    std::vector<Stored> events;
    std::string arena;
  };
  size_t put(std::string_view s);
  void submit(); // queues the current batch
  void run();

  StatementSink &target_;
  std::unique_ptr<Batch> current_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::unique_ptr<Batch>> queue_;
  std::vector<std::unique_ptr<Batch>> spare_;
  bool busy_ = false, stop_ = false;
  std::thread worker_;
};

} // namespace tether
