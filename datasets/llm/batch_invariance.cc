#include "datasets/llm/batch_invariance.h"

#include <c10/core/InferenceMode.h>
#include <omp.h>

#include <algorithm>
#include <exception>
#include <mutex>

#include "core/error.h"

namespace spexbench::llm {
namespace {

void copy_values(const std::vector<double>& values, std::size_t first, std::size_t count,
                 std::span<double> out) {
  SPEXBENCH_CHECK(values.size() == count, "forward pass: ", values.size(), " values for ", count,
                  " masks");
  std::copy(values.begin(), values.end(), out.begin() + static_cast<std::ptrdiff_t>(first));
}

}  // namespace

void evaluate_masks(std::size_t rows, const ForwardSchedule& schedule, std::span<double> out,
                    const ForwardPass& forward) {
  SPEXBENCH_CHECK(out.size() == rows, "evaluate_masks: ", out.size(), " outputs for ", rows,
                  " masks");
  if (!schedule.on_cpu) {
    const c10::InferenceMode inference;
    const auto batch = static_cast<std::size_t>(std::max(schedule.batch, 1));
    for (std::size_t first = 0; first < rows; first += batch) {
      const std::size_t count = std::min(batch, rows - first);
      copy_values(forward(first, count), first, count, out);
    }
    return;
  }
  // An OpenMP team, not threads of our own: OpenBLAS (OpenMP build) and ATen read OpenMP's
  // per-thread settings, so one thread setting inside each member makes every product, norm and
  // reduction of a forward pass single-threaded, whatever the caller's thread settings.
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto count = static_cast<std::int64_t>(rows);
#pragma omp parallel num_threads(std::max(schedule.threads, 1))
  {
    omp_set_num_threads(1);
    const c10::InferenceMode inference;
#pragma omp for schedule(dynamic, 1)
    for (std::int64_t i = 0; i < count; ++i) {
      {
        const std::lock_guard lock(failure_mutex);
        if (failure) continue;
      }
      try {
        copy_values(forward(static_cast<std::size_t>(i), 1), static_cast<std::size_t>(i), 1, out);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace spexbench::llm
