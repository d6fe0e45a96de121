#include "core/large_stack.h"
#include <exception>
#include <pthread.h>

namespace tether {

namespace {
constexpr size_t kStackBytes = 256u << 20;

struct Job {
  const std::function<void()> *work;
  std::exception_ptr error;
};

void *runJob(void *arg) {
  auto *job = static_cast<Job *>(arg);
  try {
    (*job->work)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}
} // namespace

void runWithLargeStack(const std::function<void()> &work) {
  Job job{&work, nullptr};
  pthread_attr_t attr;
  pthread_t thread;
  bool started = pthread_attr_init(&attr) == 0 && pthread_attr_setstacksize(&attr, kStackBytes) == 0 &&
                 pthread_create(&thread, &attr, runJob, &job) == 0;
  pthread_attr_destroy(&attr);
  if (!started) {
    work(); // no thread to be had: the input bounds still keep the recursion shallow
    return;
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

} // namespace tether
