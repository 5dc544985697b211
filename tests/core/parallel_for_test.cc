#include "core/parallel_for.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace spexbench {
namespace {

TEST(ParallelFor, CallsEveryIndexExactlyOnceWhateverTheThreadCount) {
  for (const int threads : {1, 2, 3, 16}) {
    std::vector<std::atomic<int>> calls(37);
    parallel_for(37, threads, [&](int i) { ++calls[static_cast<std::size_t>(i)]; });
    for (std::size_t i = 0; i < calls.size(); ++i)
      EXPECT_EQ(calls[i].load(), 1) << "index " << i << ", " << threads << " threads";
  }
  parallel_for(0, 4, [](int) { FAIL() << "no work, no call"; });
}

TEST(ParallelFor, RethrowsAnErrorAfterEveryThreadStopped) {
  for (const int threads : {1, 2, 4}) {
    std::atomic<int> started{0};
    try {
      parallel_for(1000, threads, [&](int i) {
        ++started;
        if (i == 3) throw std::runtime_error("fold 3 failed");
      });
      ADD_FAILURE() << "the error must reach the caller";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "fold 3 failed");
    }
    // On one thread the order is the index order: work after the failure is skipped.
    if (threads == 1) {
      EXPECT_EQ(started.load(), 4);
    }
  }
}

// Stored error messages must not depend on the threads' timing: a slow failure at a low index wins
// over a quick one at a higher index that threw first.
TEST(ParallelFor, RethrowsTheErrorOfTheLowestFailingIndex) {
  for (const int threads : {1, 2, 4}) {
    try {
      parallel_for(100, threads, [&](int i) {
        if (i == 1) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          throw std::runtime_error("index 1 failed");
        }
        if (i == 4) throw std::runtime_error("index 4 failed");
      });
      ADD_FAILURE() << "the error must reach the caller";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "index 1 failed") << threads << " threads";
    }
  }
}

TEST(ParallelFor, ThreadRequestsAreCappedAtTheCpusThisProcessMayUse) {
  const int cpus = available_cpus();
  EXPECT_GE(cpus, 1);
  EXPECT_EQ(usable_threads(1), 1);
  EXPECT_EQ(usable_threads(0), 1);
  EXPECT_EQ(usable_threads(1000000), cpus);
  // A million threads asked for: as many CPUs used, every index still called once.
  std::vector<std::atomic<int>> calls(5000);
  parallel_for(5000, 1000000, [&](int i) { ++calls[static_cast<std::size_t>(i)]; });
  for (const auto& count : calls) EXPECT_EQ(count.load(), 1);
}

}  // namespace
}  // namespace spexbench
