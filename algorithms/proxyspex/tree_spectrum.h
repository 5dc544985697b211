// The exact Fourier spectrum of a sum of regression trees over 0/1 features (ProxySPEX step 3,
// after Gorji, Amrollahi, Krause 2025; docs/proxyspex.md, "The algorithm", step 3):
//
//   EXTRACT(leaf) = {∅ -> value}
//   EXTRACT(node splitting on j) = {S -> (L[S] + R[S]) / 2,  S ∪ {j} -> (L[S] - R[S]) / 2}
//
// where L is the subtree taken when x_j = 0 and R when x_j = 1, because
// f = (1 - x_j) L + x_j R = (L + R) / 2 + (-1)^{x_j} (L - R) / 2. Trees add linearly, and the
// booster's base score joins the constant term. The booster's data hold the ones only
// (xgboost_booster.h), so x_j = 0 is a missing value and takes the node's default branch
// (`default_left`); x_j = 1 goes left when 1 < threshold. Both are read, not assumed, so a node may
// send both values the same way; a feature split again below a split on it follows its fixed value.
#pragma once

#include <string_view>

#include "core/sparse_polynomial.h"

namespace spexbench::proxyspex {

/// The Fourier spectrum of an XGBoost model given as its JSON serialisation (gbtree, one target).
/// Throws spexbench::Error for models it cannot read.
[[nodiscard]] SparsePolynomial tree_spectrum(std::string_view model_json, int n);

}  // namespace spexbench::proxyspex
