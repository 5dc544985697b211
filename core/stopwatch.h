// Elapsed wall time on the monotonic clock: the one way the project times a stage, so every
// recorded second (model, explainer, cell, proxy fit) is measured alike.
#pragma once

#include <chrono>

namespace spexbench {

class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}

  /// Seconds since construction or the last restart().
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }
  void restart() { start_ = Clock::now(); }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

}  // namespace spexbench
