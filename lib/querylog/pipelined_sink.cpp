#include "querylog/pipelined_sink.h"

namespace tether {

namespace {
constexpr size_t kBatchEvents = 4096;
constexpr size_t kBatchBytes = 4u << 20;
constexpr size_t kQueuedBatches = 3;
} // namespace

PipelinedSink::PipelinedSink(StatementSink &target) : target_(target), current_(std::make_unique<Batch>()) {
  worker_ = std::thread([this] { run(); });
}

PipelinedSink::~PipelinedSink() {
  drain();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

size_t PipelinedSink::put(std::string_view s) {
  size_t at = current_->arena.size();
  current_->arena.append(s.data(), s.size());
  return at;
}

void PipelinedSink::onEvent(const StatementEvent &e) {
  Stored s{e, 0, e.session.size(), 0, e.text.size(), 0, e.params.size(), 0, e.file.size()};
  s.event.session = s.event.text = s.event.params = s.event.file = {};
  s.session = put(e.session);
  s.text = put(e.text);
  s.params = put(e.params);
  s.file = put(e.file);
  current_->events.push_back(s);
  if (current_->events.size() >= kBatchEvents || current_->arena.size() >= kBatchBytes) submit();
}

void PipelinedSink::submit() {
  if (current_->events.empty()) return;
  std::unique_ptr<Batch> next;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return queue_.size() < kQueuedBatches; });
    queue_.push_back(std::move(current_));
    if (!spare_.empty()) {
      next = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  changed_.notify_all();
  current_ = next ? std::move(next) : std::make_unique<Batch>();
}

void PipelinedSink::drain() {
  submit();
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void PipelinedSink::run() {
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;
      batch = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    changed_.notify_all();
    const char *base = batch->arena.data();
    for (Stored &s : batch->events) {
      s.event.session = std::string_view(base + s.session, s.sessionLen);
      s.event.text = std::string_view(base + s.text, s.textLen);
      s.event.params = std::string_view(base + s.params, s.paramsLen);
      s.event.file = std::string_view(base + s.file, s.fileLen);
      target_.onEvent(s.event);
    }
    batch->events.clear();
    batch->arena.clear();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      busy_ = false;
      if (spare_.size() < kQueuedBatches) spare_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
}

} // namespace tether
