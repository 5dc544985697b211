#include "core/parallel_for.h"

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace spexbench {

int available_cpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

int usable_threads(int requested) { return std::clamp(requested, 1, available_cpus()); }

void parallel_for(int count, int threads, const std::function<void(int)>& fn) {
  threads = usable_threads(threads);
  std::atomic<int> next{0};
  std::atomic<bool> failed{false};
  // The error of the lowest failing index: indices are handed out in increasing order, so every
  // index below a failing one has started and runs to its end, whatever the threads' timing.
  std::exception_ptr error;
  int error_index = count;
  std::mutex error_mutex;
  auto work = [&] {
    for (int i = next++; i < count && !failed; i = next++) {
      try {
        fn(i);
      } catch (...) {
        const std::lock_guard lock(error_mutex);
        if (i < error_index) {
          error = std::current_exception();
          error_index = i;
        }
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < std::min(threads, count); ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace spexbench
