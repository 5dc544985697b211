// Independent pieces of work (cross-validation folds, grid points) spread over a few threads.
#pragma once

#include <functional>

namespace spexbench {

/// Calls fn(i) once for every i in [0, count), on `threads` threads at most (the caller's thread
/// among them), in no particular order: callers write each result into slot i and combine the
/// slots in index order, so results never depend on the thread count. The first exception thrown
/// by any call is rethrown here once every thread has stopped; calls not yet started are skipped.
void parallel_for(int count, int threads, const std::function<void(int)>& fn);

}  // namespace spexbench
