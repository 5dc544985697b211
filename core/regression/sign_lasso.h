// LASSO with per-column penalty factors on a design of ±1 entries (parity features), with an
// intercept, for candidate sets too large for Gram statistics (lasso.h needs columns^2 doubles
// per fold; here the design costs one bit per entry).
//
//   minimise (1 / (2 N)) ||y - b - X w||^2 + alpha sum_j penalty_j |w_j|
//
// Penalty factors as glmnet's penalty.factor; with all factors 1 this is sklearn's Lasso with
// fit_intercept=True. Factors 1 / |w0_j|^gamma from an initial estimate w0 give the adaptive lasso
// (Zou, JASA 2006). Coordinate descent with residual updates; at each alpha of the path the
// sequential strong rule (Tibshirani et al., JRSS-B 2012) restricts the sweeps to likely
// non-zeros, and a pass then checks the KKT conditions of every column, so the solution is the
// one a plain sweep over all columns would reach: sweeps end when max |dw| <= tol max |w|, and
// the duality gap (weighted dual norm) must then be below tol ||y - mean||^2, as sklearn. Those
// passes skip the columns that a Cauchy-Schwarz bound from an earlier gradient keeps below their
// penalty (with the adaptive lasso's factors, most of them); this changes no decision.
// LassoCV: 100 alphas log-spaced from alpha_max = max_j |x_j^T (y - mean)| / (N penalty_j) down
// to eps alpha_max, computed on all rows; contiguous folds (sklearn's KFold without shuffling),
// each fold's path warm-started along the grid; the alpha of least mean held-out MSE is refitted
// on all rows.
// Relaxed lasso (Meinshausen, CSDA 2007, at its phi = 0 or 1): the lasso selects, least squares
// refits the selected columns without shrinkage. With `relax`, each fold also refits its own
// selection at the chosen alpha on its training rows and scores its held-out rows; where those
// errors average below the lasso's, the result is the least-squares refit of the all-rows
// selection. The lasso's shrinkage biases every kept coefficient toward zero, which costs
// faithfulness once the selection is right; where it is not, the folds keep the lasso.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/regression/lasso.h"
#include "core/regression/sign_matrix.h"

namespace spexbench {

struct SignLassoCvOptions {
  int alphas = 100;
  double eps = 1e-3;
  int folds = 5;
  double tol = 1e-4;
  int max_iter = 1000;  ///< coordinate-descent passes per alpha
  int threads = 1;      ///< folds fitted in parallel; results do not depend on it
  /// Skip, in the optimality checks and the strong rule, columns whose gradient a Cauchy-Schwarz
  /// bound keeps below their penalty; results do not depend on it.
  bool screening = true;
  /// Refit the selection by least squares where the folds say it predicts better (above).
  bool relax = false;
};

/// The relaxed refit's ridge on the coefficients: the least penalty of the reference's RidgeCV
/// grid, there only to keep collinear selections solvable.
inline constexpr double kRelaxedRidge = 1e-6;

/// LassoCV with an intercept; `penalty` holds one positive factor per column.
[[nodiscard]] LassoCvResult sign_lasso_cv(const SignMatrix& x, std::span<const double> y,
                                          std::span<const double> penalty,
                                          const SignLassoCvOptions& options = {});

/// For designs that differ from fold to fold (each fold's own candidate columns), so that no
/// absolute alpha grid is shared: the path fitted on the rows outside [held_begin, held_end), at
/// `options.alphas` alphas log-spaced from those rows' own alpha_max down to eps times it, and the
/// held-out rows' mean squared error at each (all equal when alpha_max is 0).
[[nodiscard]] std::vector<double> sign_lasso_held_out_path(
    const SignMatrix& x, std::span<const double> y, std::span<const double> penalty,
    std::int64_t held_begin, std::int64_t held_end, const SignLassoCvOptions& options = {});

/// The fit on all rows at the `index`-th alpha of that relative grid (alpha_max of all rows).
/// `alpha_grid` and `mean_mse` of the result are left empty.
[[nodiscard]] LassoCvResult sign_lasso_fit_on_path(const SignMatrix& x, std::span<const double> y,
                                                   std::span<const double> penalty, int index,
                                                   const SignLassoCvOptions& options = {});

}  // namespace spexbench
