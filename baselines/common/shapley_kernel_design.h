// Coalitions weighted by the Shapley kernel, the design of KernelSHAP (Lundberg & Lee 2017) and
// Faith-Shap (Tsai et al. 2023):
//   mu(S) = (n - 1) / (C(n, |S|) |S| (n - |S|))   for ∅ ≠ S ≠ N  (∅ and N are constraints).
//
// When 2^n - 2 proper coalitions fit the budget they are all used with their exact weights, which
// makes the regression exact. Otherwise coalitions are sampled with probability proportional to
// mu: a size s with probability proportional to (n - 1) / (s (n - s)), then uniform members, each
// draw paired with its complement (paired sampling); a distinct coalition's weight is the number
// of times it was drawn. Sampling stops at `queries` distinct coalitions.
#pragma once

#include <cstdint>
#include <vector>

#include "core/mask.h"
#include "core/rng.h"

namespace spexbench::baselines {

struct WeightedCoalitions {
  MaskBatch masks;
  std::vector<double> weights;
  bool exhaustive = false;  ///< every proper coalition, exact weights
};

[[nodiscard]] WeightedCoalitions shapley_kernel_coalitions(int n, std::int64_t queries, Rng& rng);

/// mu(s) for a coalition of size s (0 for s = 0 or n).
[[nodiscard]] double shapley_kernel_weight(int n, int s);

}  // namespace spexbench::baselines
