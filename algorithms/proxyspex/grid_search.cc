#include "algorithms/proxyspex/grid_search.h"

#include "core/error.h"
#include "core/parallel_for.h"
#include "core/regression/gram.h"
#include "core/regression/r_squared.h"

namespace spexbench::proxyspex {

TrainingRows training_rows(const MaskBatch& masks, std::span<const double> values,
                           std::size_t held_begin, std::size_t held_end) {
  TrainingRows out{MaskBatch(0, masks.num_features()), {}};
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    if (r >= held_begin && r < held_end) continue;
    out.masks.push_back(masks.row(r));
    out.values.push_back(values[r]);
  }
  return out;
}

GridSearch grid_search(const MaskBatch& masks, std::span<const double> values, const Grid& grid,
                       int folds, int threads, std::uint64_t seed) {
  const std::vector<std::int64_t> bounds =
      kfold_boundaries(static_cast<std::int64_t>(masks.rows()), folds);
  const auto points = static_cast<int>(grid.depths.size() * grid.rates.size());
  const int fits = points * folds;
  const int booster_threads = fits >= threads ? 1 : threads;
  // fold_r2[(point * folds + fold)][t]: held-out R^2 of the first grid.trees[t] trees.
  std::vector<std::vector<double>> fold_r2(static_cast<std::size_t>(fits));
  parallel_for(fits, threads, [&](int fit) {
    const int point = fit / folds;
    const auto fold = static_cast<std::size_t>(fit % folds);
    const int depth = grid.depths[static_cast<std::size_t>(point) / grid.rates.size()];
    const double rate = grid.rates[static_cast<std::size_t>(point) % grid.rates.size()];
    const auto test_begin = static_cast<std::size_t>(bounds[fold]);
    const auto test_end = static_cast<std::size_t>(bounds[fold + 1]);
    try {
      const TrainingRows train = training_rows(masks, values, test_begin, test_end);
      const Booster booster(train.masks, train.values,
                            {depth, rate, grid.trees.back(), booster_threads, seed});
      for (const int trees : grid.trees) {
        const std::vector<double> predicted = booster.predict(masks, trees, test_begin, test_end);
        fold_r2[static_cast<std::size_t>(fit)].push_back(
            *r_squared(values.subspan(test_begin, test_end - test_begin), predicted,
                       ConstantObserved::kSklearn));
      }
    } catch (const Error& e) {
      throw Error(str_cat("proxyspex: cross-validation at max_depth=", depth, ", learning_rate=",
                          rate, ", fold ", fold + 1, " of ", folds, ": ", e.what()),
                  e.kind());
    }
  });

  GridSearch out;
  int point = 0;
  for (const int depth : grid.depths) {
    out.best_by_depth.push_back(
        {{depth, grid.rates.front(), grid.trees.front(), threads, seed}, -INFINITY});
    for (const double rate : grid.rates) {
      for (std::size_t t = 0; t < grid.trees.size(); ++t) {
        double mean_r2 = 0.0;
        for (int f = 0; f < folds; ++f)
          mean_r2 += fold_r2[static_cast<std::size_t>(point * folds + f)][t] / folds;
        const BoosterParams candidate{depth, rate, grid.trees[t], threads, seed};
        if (mean_r2 > out.best_cv_r2) {
          out.best_cv_r2 = mean_r2;
          out.best = candidate;
        }
        if (mean_r2 > out.best_by_depth.back().second)
          out.best_by_depth.back() = {candidate, mean_r2};
      }
      ++point;
    }
  }
  return out;
}

}  // namespace spexbench::proxyspex
