// The exact Fourier spectrum of ProxySPEX's proxy, a sum of regression trees over 0/1 features
// (ProxySPEX step 3; docs/proxyspex.md, "The algorithm", step 3): each tree's spectrum by
// core/bit_tree_spectrum.h, plus the base score. The booster's data hold the ones only
// (xgboost_booster.h), so x_j = 0 is a missing value and takes the node's default branch
// (`default_left`); x_j = 1 goes left when 1 < threshold. Both are read, not assumed.
#pragma once

#include <string_view>

#include "core/sparse_polynomial.h"

namespace spexbench::proxyspex {

/// The Fourier spectrum of an XGBoost model given as its JSON serialisation (gbtree, one target).
/// Throws spexbench::Error for models it cannot read.
[[nodiscard]] SparsePolynomial tree_spectrum(std::string_view model_json, int n);

}  // namespace spexbench::proxyspex
