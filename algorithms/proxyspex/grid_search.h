// ProxySPEX's proxy selection: sklearn's GridSearchCV over the boosting grid, and the rows a fold
// trains on.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "algorithms/proxyspex/proxyspex_config.h"
#include "algorithms/proxyspex/xgboost_booster.h"
#include "core/mask.h"

namespace spexbench::proxyspex {

/// A fold's training rows: every row outside [held_begin, held_end).
struct TrainingRows {
  MaskBatch masks;
  std::vector<double> values;
};

[[nodiscard]] TrainingRows training_rows(const MaskBatch& masks, std::span<const double> values,
                                         std::size_t held_begin, std::size_t held_end);

struct GridSearch {
  BoosterParams best;             ///< the grid point of highest mean held-out R^2
  double best_cv_r2 = -INFINITY;  ///< its mean held-out R^2
  /// The best point of each depth, in grid order, with its mean held-out R^2: the lasso refits
  /// choose among depths by their own cross-validated error.
  std::vector<std::pair<BoosterParams, double>> best_by_depth;
};

/// GridSearchCV: mean held-out R^2 over contiguous folds for every grid point; ties keep the
/// first point in (depth, rate, trees) order.
/// The (depth, rate, fold) boosters are independent: with several threads they train side by
/// side on one thread each, which uses 2 cores better than one booster on both (XGBoost's
/// threads split each small tree's histogram work). XGBoost's results do not depend on its
/// thread count, and the folds' scores are summed in fold order, so neither do ours.
[[nodiscard]] GridSearch grid_search(const MaskBatch& masks, std::span<const double> values,
                                     const Grid& grid, int folds, int threads, std::uint64_t seed);

}  // namespace spexbench::proxyspex
