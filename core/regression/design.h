// Design matrices in the Möbius (AND) basis: column S of row x is prod_{i in S} x_i, 1 when every
// component of S is kept. The regression baselines fit f on these.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <vector>

#include "core/mask.h"
#include "core/sparse_polynomial.h"

namespace spexbench {

using TermList = std::vector<std::vector<std::uint32_t>>;

/// Every set of size <= order over {0..n-1}, by size then lexicographically (∅ first).
[[nodiscard]] TermList sets_up_to(int n, int order);

/// Number of sets of size <= order over n components (saturating at 2^62).
[[nodiscard]] std::uint64_t count_sets_up_to(int n, int order);

/// The Möbius-basis polynomial with coefficient coef(t) on terms[t] (zeros dropped).
[[nodiscard]] SparsePolynomial mobius_polynomial(int n, const TermList& terms,
                                                 const Eigen::VectorXd& coef);

/// rows x terms matrix of AND features.
[[nodiscard]] Eigen::MatrixXd mobius_design(const MaskBatch& masks, const TermList& terms);

}  // namespace spexbench
