// LASSO with per-column penalty factors on a design of ±1 entries (parity features), with an
// intercept, for candidate sets too large for Gram statistics (lasso.h needs columns^2 doubles
// per fold; here the design costs one byte per entry).
//
//   minimise (1 / (2 N)) ||y - b - X w||^2 + alpha sum_j penalty_j |w_j|
//
// Penalty factors as glmnet's penalty.factor; with all factors 1 this is sklearn's Lasso with
// fit_intercept=True. Factors 1 / |w0_j|^gamma from an initial estimate w0 give the adaptive lasso
// (Zou, JASA 2006). Coordinate descent with residual updates; at each alpha of the path the
// sequential strong rule (Tibshirani et al., JRSS-B 2012) restricts the sweeps to likely
// non-zeros, and a full pass then checks the KKT conditions of every column, so the solution is
// the one a plain sweep over all columns would reach: sweeps end when max |dw| <= tol max |w|,
// and the duality gap (weighted dual norm) must then be below tol ||y - mean||^2, as sklearn.
// LassoCV: 100 alphas log-spaced from alpha_max = max_j |x_j^T (y - mean)| / (N penalty_j) down
// to eps alpha_max, computed on all rows; contiguous folds (sklearn's KFold without shuffling),
// each fold's path warm-started along the grid; the alpha of least mean held-out MSE is refitted
// on all rows.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/regression/lasso.h"

namespace spexbench {

/// rows x columns matrix of ±1 entries, column-major, one signed byte per entry.
class SignMatrix {
 public:
  SignMatrix(std::int64_t rows, std::int64_t columns)
      : rows_(rows), columns_(columns), data_(static_cast<std::size_t>(rows * columns), 1) {}
  [[nodiscard]] std::int64_t rows() const { return rows_; }
  [[nodiscard]] std::int64_t columns() const { return columns_; }
  [[nodiscard]] std::int8_t* column(std::int64_t j) {
    return data_.data() + static_cast<std::size_t>(j * rows_);
  }
  [[nodiscard]] const std::int8_t* column(std::int64_t j) const {
    return data_.data() + static_cast<std::size_t>(j * rows_);
  }

 private:
  std::int64_t rows_, columns_;
  std::vector<std::int8_t> data_;
};

struct SignLassoCvOptions {
  int alphas = 100;
  double eps = 1e-3;
  int folds = 5;
  double tol = 1e-4;
  int max_iter = 1000;  ///< coordinate-descent passes per alpha
  int threads = 1;      ///< folds fitted in parallel; results do not depend on it
};

/// LassoCV with an intercept; `penalty` holds one positive factor per column.
[[nodiscard]] LassoCvResult sign_lasso_cv(const SignMatrix& x, std::span<const double> y,
                                          std::span<const double> penalty,
                                          const SignLassoCvOptions& options = {});

}  // namespace spexbench
