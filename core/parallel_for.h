// Independent pieces of work (cross-validation folds, grid points) spread over a few threads.
#pragma once

#include <functional>

namespace spexbench {

/// Calls fn(i) once for every i in [0, count), on `threads` threads at most (the caller's thread
/// among them), in no particular order: callers write each result into slot i and combine the
/// slots in index order, so results never depend on the thread count. Once a call throws, calls
/// not yet started are skipped; when every thread has stopped, the exception of the lowest index
/// that threw is rethrown, the same one whatever the thread count and timing.
void parallel_for(int count, int threads, const std::function<void(int)>& fn);

/// The CPUs this process may run on (its affinity mask, so a container's or Slurm's limit counts).
[[nodiscard]] int available_cpus();

/// A requested thread count capped at available_cpus(): more threads than CPUs only slow a run
/// down (XGBoost at 256 threads on 2 CPUs takes minutes for what 2 do in seconds) and can exhaust
/// the process's threads. Results never depend on the thread count, so the cap changes no value.
[[nodiscard]] int usable_threads(int requested);

}  // namespace spexbench
