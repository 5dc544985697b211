// ProxySPEX's sparsify-and-refit step (refit=ridge or none; docs/proxyspex.md, step 4): keep the
// tree spectrum's largest terms, then re-fit their coefficients by ridge regression on their parity
// features with a leave-one-out choice of the penalty (sklearn RidgeCV, as the reference), or keep
// the trees' own coefficients.
#pragma once

#include <optional>
#include <span>

#include "algorithms/proxyspex/proxyspex_config.h"
#include "core/mask.h"
#include "core/sparse_polynomial.h"

namespace spexbench::proxyspex {

struct SparseRefit {
  SparsePolynomial polynomial;
  std::optional<double> ridge_alpha;  ///< the chosen penalty, when ridge ran
};

/// Sparsify `spectrum` (the trees' Fourier spectrum) by config.sparsify, then refit by ridge (with
/// sparsify=cv's choice of the kept count) or not at all.
[[nodiscard]] SparseRefit sparse_refit(const MaskBatch& masks, std::span<const double> values,
                                       const SparsePolynomial& spectrum,
                                       const ProxySpexConfig& config);

}  // namespace spexbench::proxyspex
