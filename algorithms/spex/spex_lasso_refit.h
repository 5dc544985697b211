// SPEX's paper-era coefficient refit (docs/spex.md, "Coefficients"): LassoCV (sklearn defaults, no
// intercept) of f on the parity features (-1)^{<m, k>} of the support
// {peeled frequencies} ∪ {∅} ∪ {e_1, ..., e_n}, over every SPEX sample in query order (group,
// delay, l), folds contiguous in that order as sklearn's KFold makes them.
#pragma once

#include <vector>

#include "algorithms/spex/query_design.h"
#include "core/mask.h"
#include "core/sparse_polynomial.h"

namespace spexbench::spex {

/// Refits `peeled` on the samples (one mask batch and value vector per oracle batch, in query
/// order).
[[nodiscard]] SparsePolynomial lasso_refit(const SparsePolynomial& peeled,
                                           const std::vector<MaskBatch>& masks,
                                           const std::vector<std::vector<double>>& values);

}  // namespace spexbench::spex
