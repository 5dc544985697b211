// Linear least-squares fits shared by the baselines, each matching a named reference.
#pragma once

#include <Eigen/Dense>
#include <span>
#include <vector>

namespace spexbench {

struct LinearFit {
  Eigen::VectorXd coef;
  double intercept = 0;
  double alpha = 0;   ///< the penalty used (chosen by CV where there is a grid)
  double cv_mse = 0;  ///< its mean leave-one-out squared error (ridge_cv only)
};

inline constexpr double kDefaultRidgeAlphasStorage[] = {0.1, 1.0, 10.0};
inline constexpr std::span<const double> kDefaultRidgeAlphas = kDefaultRidgeAlphasStorage;

/// sklearn RidgeCV(alphas, fit_intercept=False): for each alpha the exact leave-one-out squared
/// error (from one eigendecomposition of X^T X, or of X X^T when there are more columns than
/// rows, as sklearn's gcv_mode='auto'), the alpha with the least mean LOO error, and the ridge
/// coefficients there. Defaults: sklearn's (0.1, 1, 10).
[[nodiscard]] LinearFit ridge_cv(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                 std::span<const double> alphas = kDefaultRidgeAlphas);

/// sklearn Ridge(alpha, fit_intercept).fit(X, y, sample_weight): weighted centring when there is
/// an intercept, then ridge on sqrt(w)-scaled rows. alpha = 0 is ordinary (weighted) least squares
/// (minimum-norm where X is rank deficient).
[[nodiscard]] LinearFit ridge(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                              const Eigen::VectorXd& weights, double alpha, bool fit_intercept);

/// Weighted least squares subject to C w = d, by the KKT system (minimum-norm solution where the
/// weighted design does not determine every coefficient).
[[nodiscard]] Eigen::VectorXd constrained_least_squares(const Eigen::MatrixXd& x,
                                                        const Eigen::VectorXd& y,
                                                        const Eigen::VectorXd& weights,
                                                        const Eigen::MatrixXd& c,
                                                        const Eigen::VectorXd& d);

}  // namespace spexbench
