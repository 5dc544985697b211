// Least squares with an intercept over some columns of a ±1 design (SignMatrix, sign_matrix.h),
// from normal equations formed by popcounts (SignMatrix::dot). The relaxed lasso's refit
// (sign_lasso_cv's `relax`) needs one per fold over as many as a few thousand columns and tens of
// thousands of rows; a dense copy of such a design takes hundreds of megabytes and its Gram matrix
// minutes on one core.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <span>

#include "core/regression/sign_lasso.h"

namespace spexbench {

struct SignLeastSquares {
  double intercept = 0;
  Eigen::VectorXd coef;  ///< one per column asked for, in that order
};

/// minimise ||y - b - X_S w||^2 + ridge ||w||^2 over the rows outside [held_begin, held_end)
/// (all rows when that range is empty), X_S the design's `columns`. A tiny ridge keeps the
/// normal equations solvable where the columns are collinear on those rows (more columns than
/// rows, say); the intercept is not penalised.
[[nodiscard]] SignLeastSquares sign_least_squares(const SignMatrix& x,
                                                  std::span<const std::int64_t> columns,
                                                  std::span<const double> y,
                                                  std::int64_t held_begin, std::int64_t held_end,
                                                  double ridge);

/// Mean squared error of `fit` (over `columns`) on rows [begin, end).
[[nodiscard]] double sign_mse(const SignMatrix& x, std::span<const std::int64_t> columns,
                              const SignLeastSquares& fit, std::span<const double> y,
                              std::int64_t begin, std::int64_t end);

}  // namespace spexbench
