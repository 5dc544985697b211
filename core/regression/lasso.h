// LASSO by coordinate descent on Gram statistics, and LassoCV matching scikit-learn's defaults.
//
//   minimise (1 / (2 N)) ||y - X w||^2 + alpha ||w||_1      (no intercept)
//
// Coordinate descent as sklearn's enet_coordinate_descent_gram: cyclic updates, a full pass ends
// with max |dw| <= tol max |w| (or the last iteration), then the duality gap must be below
// tol ||y||^2. LassoCV: 100 alphas log-spaced from alpha_max = max |X^T y| / N down to
// eps alpha_max (eps = 1e-3), computed once on all rows; 5 contiguous folds; each fold's path is
// warm-started along the grid; the alpha of least mean held-out MSE is refitted on all rows.
#pragma once

#include <Eigen/Dense>
#include <limits>
#include <vector>

#include "core/regression/gram.h"

namespace spexbench {

/// The LASSO's coordinate update: sign(x) max(|x| - threshold, 0).
[[nodiscard]] inline double soft_threshold(double x, double threshold) {
  if (x > threshold) return x - threshold;
  if (x < -threshold) return x + threshold;
  return 0.0;
}

struct LassoOptions {
  double tol = 1e-4;
  int max_iter = 1000;
};

/// One LASSO fit at `alpha`, starting from `w` (warm start) and overwriting it.
void lasso_fit(const GramStats& stats, double alpha, Eigen::VectorXd& w,
               const LassoOptions& options = {});

struct LassoCvOptions {
  int alphas = 100;
  double eps = 1e-3;
  int folds = 5;
  bool fit_intercept = false;  ///< centre each training set, as sklearn's fit_intercept=True
  LassoOptions fit;
};

struct LassoCvResult {
  Eigen::VectorXd coef;
  double intercept = 0;
  double alpha = 0;
  std::vector<double> alpha_grid;
  std::vector<double> mean_mse;  ///< per alpha, averaged over folds
  /// sign_lasso_cv with `relax`: the relaxed fit's mean held-out MSE at the chosen alpha (NaN
  /// where it was not tried), and whether its coefficients replaced the lasso's
  double relaxed_mse = std::numeric_limits<double>::quiet_NaN();
  bool relaxed = false;
};

/// `full` holds all rows; `held_out[f]` the rows of fold f (in KFold order).
[[nodiscard]] LassoCvResult lasso_cv(const GramStats& full, const std::vector<GramStats>& held_out,
                                     const LassoCvOptions& options = {});

}  // namespace spexbench
