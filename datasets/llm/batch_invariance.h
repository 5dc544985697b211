// A mask's value must not depend on the batch it comes in, nor on the thread count
// (Task::evaluate), on any CPU and any BLAS. Batched forward passes cannot promise that. A BLAS
// picks its kernels, its blocking and its split over threads by a product's shape and by the CPU,
// and the rows at a block's edge go through other code with another rounding: OpenBLAS's Haswell
// and Zen kernels, for one, round the last rows of a product differently from the others at any
// size, so where a mask's row lands in a batch changes its value. Padding batches past a size
// threshold only moved the problem from one CPU to another.
//
// So on the CPU every mask gets a forward pass of its own, by construction: each product it runs
// has the same shape and the same inputs whatever batch it came in, and runs on one thread (the
// masks, not the products, are spread over the threads). No library choice can then tell two
// batches or two thread counts apart. On a GPU, forward passes take `batch` masks at once:
// there a batch of one would waste the device, and its kernels are chosen per shape anyway
// (results/README.md says what that leaves identical).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace spexbench::llm {

/// A forward pass of masks first .. first + count - 1: returns their `count` values.
using ForwardPass = std::function<std::vector<double>(std::size_t first, std::size_t count)>;

/// How a task's masks are spread over forward passes.
struct ForwardSchedule {
  bool on_cpu = true;
  int batch = 64;   ///< masks per forward pass on a GPU
  int threads = 1;  ///< on the CPU: forward passes running at once
};

/// Evaluates `rows` masks into out (out.size() == rows). On the CPU: forward(i, 1) for each mask i,
/// on `threads` threads, each in inference mode with every library call inside single-threaded.
/// On a GPU: forward(first, count) for consecutive batches of `batch` masks. The first exception
/// thrown by a forward pass is rethrown once every thread has stopped.
void evaluate_masks(std::size_t rows, const ForwardSchedule& schedule, std::span<double> out,
                    const ForwardPass& forward);

}  // namespace spexbench::llm
