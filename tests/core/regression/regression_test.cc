#include <gtest/gtest.h>

#include "core/regression/gram.h"
#include "core/regression/lasso.h"
#include "core/regression/least_squares.h"
#include "core/rng.h"

namespace spexbench {
namespace {

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd x(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c) x(r, c) = rng.normal();
  return x;
}

TEST(RidgeCv, LeaveOneOutErrorMatchesRefittingWithoutEachRow) {
  const Eigen::MatrixXd x = random_matrix(30, 4, 1);
  const Eigen::VectorXd y = x * Eigen::Vector4d(1, -2, 0.5, 0) + 0.3 * random_matrix(30, 1, 2);
  const double alphas[] = {0.1, 1.0, 10.0};
  const LinearFit fit = ridge_cv(x, y, alphas);
  double best = INFINITY, best_alpha = 0;
  for (const double alpha : alphas) {
    double error = 0;
    for (Eigen::Index drop = 0; drop < 30; ++drop) {
      Eigen::MatrixXd xs(29, 4);
      Eigen::VectorXd ys(29);
      for (Eigen::Index r = 0, k = 0; r < 30; ++r)
        if (r != drop) xs.row(k) = x.row(r), ys(k++) = y(r);
      const Eigen::VectorXd w = (xs.transpose() * xs + alpha * Eigen::MatrixXd::Identity(4, 4))
                                    .ldlt()
                                    .solve(xs.transpose() * ys);
      error += std::pow(y(drop) - x.row(drop).dot(w), 2);
    }
    if (error < best) best = error, best_alpha = alpha;
  }
  EXPECT_EQ(fit.alpha, best_alpha);
  const Eigen::VectorXd w = (x.transpose() * x + best_alpha * Eigen::MatrixXd::Identity(4, 4))
                                .ldlt()
                                .solve(x.transpose() * y);
  EXPECT_LT((fit.coef - w).norm(), 1e-10);
}

TEST(RidgeCv, PrimalAndDualFormsAgree) {
  // 20 rows, 30 columns takes the dual path; the same problem transposed in size takes the primal.
  const Eigen::MatrixXd wide = random_matrix(20, 30, 7);
  const Eigen::VectorXd y = random_matrix(20, 1, 8);
  const double alphas[] = {0.5, 5.0};
  const LinearFit dual = ridge_cv(wide, y, alphas);
  const Eigen::VectorXd direct =
      (wide.transpose() * wide + dual.alpha * Eigen::MatrixXd::Identity(30, 30))
          .ldlt()
          .solve(wide.transpose() * y);
  EXPECT_LT((dual.coef - direct).norm(), 1e-9);
}

TEST(Lasso, OrthogonalDesignGivesSoftThresholding) {
  // X^T X = N I: the solution is soft(X^T y / N, alpha).
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(8, 4);
  for (int i = 0; i < 4; ++i) x(2 * i, i) = x(2 * i + 1, i) = 2.0;  // column norms^2 = 8 = N
  const Eigen::VectorXd y = (Eigen::VectorXd(8) << 3, 3, -1, -1, 0.2, 0.2, 5, 5).finished();
  const GramStats stats = gram_of_rows(x, std::span<const double>(y.data(), 8), 0, 8);
  Eigen::VectorXd w = Eigen::VectorXd::Zero(4);
  lasso_fit(stats, 0.5, w, {.tol = 1e-12, .max_iter = 10000});
  const Eigen::Vector4d expected(0.75 * 2 - 0.5, -(0.25 * 2 - 0.5), 0.0, 1.25 * 2 - 0.5);
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(w(i), std::max(0.0, std::abs(expected(i))) * (expected(i) < 0 ? -1 : 1), 1e-9) << i;
}

TEST(LassoCv, FoldsAndInterceptFollowSklearnConventions) {
  const std::vector<std::int64_t> bounds = kfold_boundaries(12, 5);
  EXPECT_EQ(bounds, (std::vector<std::int64_t>{0, 3, 6, 8, 10, 12}));
  const Eigen::MatrixXd x = random_matrix(200, 5, 3);
  const Eigen::VectorXd y = (x * (Eigen::VectorXd(5) << 2, 0, 0, -1, 0).finished()).array() + 7.0;
  std::vector<GramStats> folds;
  GramStats full = GramStats::zero(5);
  const auto b = kfold_boundaries(200, 5);
  for (int f = 0; f < 5; ++f) {
    folds.push_back(gram_of_rows(x, std::span<const double>(y.data(), 200), b[f], b[f + 1]));
    full += folds.back();
  }
  const LassoCvResult fit = lasso_cv(full, folds, {.fit_intercept = true});
  EXPECT_NEAR(fit.intercept, 7.0, 0.05);
  EXPECT_NEAR(fit.coef(0), 2.0, 0.05);
  EXPECT_NEAR(fit.coef(3), -1.0, 0.05);
  EXPECT_EQ(fit.alpha_grid.size(), 100u);
  EXPECT_NEAR(fit.alpha_grid.back() / fit.alpha_grid.front(), 1e-3, 1e-12);
}

TEST(ConstrainedLeastSquares, SatisfiesTheConstraintsExactly) {
  const Eigen::MatrixXd x = random_matrix(40, 3, 4);
  const Eigen::VectorXd y = random_matrix(40, 1, 5);
  Eigen::MatrixXd c(1, 3);
  c << 1, 1, 1;
  const Eigen::VectorXd w = constrained_least_squares(x, y, Eigen::VectorXd::Ones(40), c,
                                                      Eigen::VectorXd::Constant(1, 2.5));
  EXPECT_NEAR(w.sum(), 2.5, 1e-12);
}

}  // namespace
}  // namespace spexbench
