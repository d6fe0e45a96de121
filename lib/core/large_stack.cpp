#include "core/large_stack.h"
#include <condition_variable>
#include <exception>
#include <mutex>
#include <pthread.h>

namespace tether {

namespace {
constexpr size_t kStackBytes = 256u << 20;

// One worker thread for the whole process, not one per call: libpg_query keeps its memory
// contexts per thread, and a thread per parse would set them up and tear them down each time
// (and interleave that with other libraries' per-thread state). Calls are served in turn.
class Worker {
public:
  static Worker *instance() {
    static Worker *w = start();
    return w;
  }
  bool onWorker() const { return pthread_equal(pthread_self(), thread_) != 0; }
  void run(const std::function<void()> &work) {
    std::unique_lock<std::mutex> callers(callMutex_); // one job at a time
    std::exception_ptr error;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      job_ = &work;
      error_ = &error;
      done_ = false;
      wake_.notify_one();
      finished_.wait(lock, [this] { return done_; });
    }
    if (error) std::rethrow_exception(error);
  }

private:
  static Worker *start() {
    auto *w = new Worker; // lives until the process ends
    pthread_attr_t attr;
    bool ok = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, kStackBytes) == 0 &&
              pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
              pthread_create(&w->thread_, &attr, loop, w) == 0;
    pthread_attr_destroy(&attr);
    if (!ok) {
      delete w;
      return nullptr;
    }
    return w;
  }
  static void *loop(void *self) {
    auto *w = static_cast<Worker *>(self);
    std::unique_lock<std::mutex> lock(w->mutex_);
    for (;;) {
      w->wake_.wait(lock, [w] { return w->job_ != nullptr; });
      try {
        (*w->job_)();
      } catch (...) {
        *w->error_ = std::current_exception();
      }
      w->job_ = nullptr;
      w->done_ = true;
      w->finished_.notify_one();
    }
    return nullptr;
  }

  pthread_t thread_{};
  std::mutex callMutex_, mutex_;
  std::condition_variable wake_, finished_;
  const std::function<void()> *job_ = nullptr;
  std::exception_ptr *error_ = nullptr;
  bool done_ = false;
};
} // namespace

void runWithLargeStack(const std::function<void()> &work) {
  Worker *w = Worker::instance();
  if (!w || w->onWorker()) {
    work(); // no thread to be had, or already on it: the input bounds keep the recursion shallow
    return;
  }
  w->run(work);
}

} // namespace tether
