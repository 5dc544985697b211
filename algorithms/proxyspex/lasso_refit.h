// ProxySPEX's LASSO refits (refit=lasso or adaptive_lasso; docs/proxyspex.md, step 5).
#pragma once

#include <cmath>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/proxyspex/proxyspex_config.h"
#include "algorithms/proxyspex/xgboost_booster.h"
#include "core/mask.h"
#include "core/sparse_polynomial.h"

namespace spexbench::proxyspex {

/// The LASSO refits (docs/proxyspex.md, "The algorithm", step 5; the paper: "L1 reg. param λ, 100
/// values with λmin/λmax = 0.001"): a LASSO with an intercept over the candidates' parity features,
/// so that the refit selects among them, its penalty chosen on 5 contiguous folds.
/// lasso_cv=full_proxy scores the folds on the candidates of the proxy fitted to all masks (LassoCV
/// over them, as the paper); lasso_cv=fold_proxies fits each fold's own proxy on its training masks
/// and scores the held-out masks on that proxy's candidates, at the same place along each path, so
/// that the held-out masks shaped neither the candidates nor their penalties.
struct LassoRefit {
  SparsePolynomial polynomial;
  double cv_mse = INFINITY;  ///< mean held-out error at the chosen penalty
  /// fold_proxies: wall seconds of training the folds' proxies and scoring their paths (side by
  /// side, so neither fit nor refit time alone)
  double fold_seconds = 0;
  std::vector<std::pair<std::string, std::string>> info;
};

/// `params` and `threads` train the folds' own proxies under lasso_cv=fold_proxies.
[[nodiscard]] LassoRefit lasso_refit(const MaskBatch& masks, std::span<const double> values,
                                     const SparsePolynomial& spectrum,
                                     const ProxySpexConfig& config, const BoosterParams& params,
                                     int threads);

}  // namespace spexbench::proxyspex
