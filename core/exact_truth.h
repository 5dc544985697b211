// The exact spectrum of a task by brute force: evaluate all 2^n masks and transform. The ground
// truth of model-based tasks that are small enough (retrained classifiers, trained transformers).
#pragma once

#include "core/sparse_polynomial.h"
#include "core/task.h"

namespace spexbench {

/// Largest n for which exact_fourier_truth() is offered by tasks: 2^16 model evaluations.
inline constexpr int kExactTruthMaxFeatures = 16;

/// The task's Fourier spectrum from all 2^n evaluations (in batches of at most 4,096 masks),
/// dropping coefficients below `relative_cutoff` times the largest |value| (rounding, not
/// interactions). Requires n <= 24.
///
/// Remembered for the life of the process under (task.spec(), instance_seed), which determine a
/// task instance: a suite creates the instance once per cell, and every explainer on it shares
/// one enumeration instead of paying 2^n model calls each.
[[nodiscard]] SparsePolynomial exact_fourier_truth(Task& task, std::uint64_t instance_seed,
                                                   double relative_cutoff = 1e-12);

}  // namespace spexbench
