#include "core/regression/sign_lasso.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/regression/gram.h"
#include "core/rng.h"

namespace spexbench {
namespace {

/// A ±1 design with more columns than rows (as the ProxySPEX refit's), a sparse signal, noise.
struct Problem {
  SignMatrix x{0, 0};
  std::vector<double> y;
  std::vector<double> penalty;
};

Problem make_problem(std::int64_t rows, std::int64_t columns, std::uint64_t seed) {
  Rng rng(seed);
  Problem p{
      SignMatrix(rows, columns), std::vector<double>(static_cast<std::size_t>(rows), 3.0), {}};
  for (std::int64_t j = 0; j < columns; ++j)
    for (std::int64_t i = 0; i < rows; ++i) p.x.set(i, j, rng.uniform(0.0, 1.0) < 0.5 ? -1 : 1);
  for (std::int64_t j = 0; j < columns; j += 7) {
    const double w = rng.uniform(-2.0, 2.0);
    for (std::int64_t i = 0; i < rows; ++i) p.y[static_cast<std::size_t>(i)] += w * p.x(i, j);
  }
  for (double& v : p.y) v += 0.5 * rng.normal();
  for (std::int64_t j = 0; j < columns; ++j) p.penalty.push_back(rng.uniform(0.3, 3.0));
  return p;
}

// A path that stops before the near-interpolating end (more columns than rows), where
// coordinate descent to a 1e-12 tolerance takes long.
constexpr int kAlphas = 20;
constexpr double kEps = 0.05;

/// The Gram-statistics LassoCV on the design with column j divided by penalty_j: a lasso with
/// unit penalties there is the weighted lasso here, coefficient v_j = w_j penalty_j.
LassoCvResult reference_fit(const Problem& p, std::span<const double> penalty, int folds) {
  const std::int64_t rows = p.x.rows(), columns = p.x.columns();
  Eigen::MatrixXd scaled(rows, columns);
  for (std::int64_t j = 0; j < columns; ++j)
    for (std::int64_t i = 0; i < rows; ++i)
      scaled(i, j) = p.x(i, j) / penalty[static_cast<std::size_t>(j)];
  const std::vector<std::int64_t> bounds = kfold_boundaries(rows, folds);
  std::vector<GramStats> held_out;
  GramStats full = GramStats::zero(columns);
  for (int f = 0; f < folds; ++f) {
    held_out.push_back(gram_of_rows(scaled, p.y, bounds[static_cast<std::size_t>(f)],
                                    bounds[static_cast<std::size_t>(f) + 1]));
    full += held_out.back();
  }
  LassoCvResult fit = lasso_cv(full, held_out,
                               {.alphas = kAlphas,
                                .eps = kEps,
                                .folds = folds,
                                .fit_intercept = true,
                                .fit = {.tol = 1e-12, .max_iter = 100000}});
  for (std::int64_t j = 0; j < columns; ++j) fit.coef(j) /= penalty[static_cast<std::size_t>(j)];
  return fit;
}

void expect_same_fit(const LassoCvResult& fit, const LassoCvResult& reference) {
  ASSERT_EQ(fit.alpha_grid.size(), reference.alpha_grid.size());
  for (std::size_t a = 0; a < fit.alpha_grid.size(); ++a) {
    EXPECT_NEAR(fit.alpha_grid[a], reference.alpha_grid[a], 1e-12 * reference.alpha_grid[0]);
    EXPECT_NEAR(fit.mean_mse[a], reference.mean_mse[a], 1e-7 * reference.mean_mse[a]) << a;
  }
  EXPECT_NEAR(fit.alpha, reference.alpha, 1e-12 * reference.alpha);
  EXPECT_NEAR(fit.intercept, reference.intercept, 1e-7);
  EXPECT_LT((fit.coef - reference.coef).cwiseAbs().maxCoeff(), 1e-7);
}

TEST(SignLassoCv, UnitPenaltiesEqualTheGramLassoCv) {
  const Problem p = make_problem(120, 200, 1);
  const std::vector<double> ones(200, 1.0);
  const LassoCvResult fit = sign_lasso_cv(
      p.x, p.y, ones, {.alphas = kAlphas, .eps = kEps, .tol = 1e-12, .max_iter = 100000});
  expect_same_fit(fit, reference_fit(p, ones, 5));
  EXPECT_GT((fit.coef.array() != 0).count(), 10);
}

TEST(SignLassoCv, PenaltyFactorsEqualTheLassoOnRescaledColumns) {
  const Problem p = make_problem(150, 260, 2);
  const LassoCvResult fit =
      sign_lasso_cv(p.x, p.y, p.penalty,
                    {.alphas = kAlphas, .eps = kEps, .folds = 4, .tol = 1e-12, .max_iter = 100000});
  expect_same_fit(fit, reference_fit(p, p.penalty, 4));
}

TEST(SignLassoCv, FinalFitMeetsTheWeightedOptimalityConditions) {
  const Problem p = make_problem(200, 400, 3);
  const LassoCvResult fit = sign_lasso_cv(
      p.x, p.y, p.penalty, {.alphas = kAlphas, .eps = kEps, .tol = 1e-10, .max_iter = 100000});
  const std::int64_t rows = p.x.rows();
  std::vector<double> residual(p.y);
  for (std::int64_t i = 0; i < rows; ++i) {
    residual[static_cast<std::size_t>(i)] -= fit.intercept;
    for (std::int64_t j = 0; j < p.x.columns(); ++j)
      residual[static_cast<std::size_t>(i)] -= fit.coef(j) * p.x(i, j);
  }
  double residual_sum = 0;
  for (const double r : residual) residual_sum += r;
  EXPECT_NEAR(residual_sum, 0.0, 1e-8);  // the intercept's condition
  for (std::int64_t j = 0; j < p.x.columns(); ++j) {
    double gradient = 0;
    for (std::int64_t i = 0; i < rows; ++i)
      gradient += p.x(i, j) * residual[static_cast<std::size_t>(i)];
    gradient /= static_cast<double>(rows);
    const double bound = fit.alpha * p.penalty[static_cast<std::size_t>(j)];
    if (fit.coef(j) != 0)
      EXPECT_NEAR(gradient, bound * (fit.coef(j) > 0 ? 1 : -1), 1e-6 * bound) << j;
    else
      EXPECT_LE(std::abs(gradient), bound * (1 + 1e-6)) << j;
  }
}

// With one thread the final fit follows the folds and stops at the chosen alpha; with more it
// runs its whole path beside them. Both must give the same solution.
TEST(SignLassoCv, ThreadsDoNotChangeTheResult) {
  const Problem p = make_problem(100, 150, 4);
  const LassoCvResult one = sign_lasso_cv(p.x, p.y, p.penalty, {.threads = 1});
  for (const int threads : {2, 3}) {
    const LassoCvResult several = sign_lasso_cv(p.x, p.y, p.penalty, {.threads = threads});
    EXPECT_EQ(one.mean_mse, several.mean_mse);
    EXPECT_EQ(one.alpha, several.alpha);
    EXPECT_EQ(one.coef, several.coef);
    EXPECT_EQ(one.intercept, several.intercept);
  }
}

// Screening skips gradients that cannot reach their penalty; it must not change the solution.
// Penalty factors spread as the adaptive refit's (large where the initial estimate is small), so
// that most columns are screened out.
TEST(SignLassoCv, ScreeningDoesNotChangeTheResult) {
  Problem p = make_problem(300, 2000, 6);
  Rng rng(7);
  for (double& factor : p.penalty) factor = std::pow(10.0, rng.uniform(0.0, 1.5));
  for (std::size_t j = 0; j < p.penalty.size(); j += 7) p.penalty[j] = rng.uniform(1.0, 2.0);
  const SignLassoCvOptions options{.alphas = 40, .threads = 2};
  SignLassoCvOptions unscreened = options;
  unscreened.screening = false;
  const LassoCvResult screened_fit = sign_lasso_cv(p.x, p.y, p.penalty, options);
  const LassoCvResult full_fit = sign_lasso_cv(p.x, p.y, p.penalty, unscreened);
  EXPECT_EQ(screened_fit.mean_mse, full_fit.mean_mse);
  EXPECT_EQ(screened_fit.alpha, full_fit.alpha);
  EXPECT_EQ(screened_fit.coef, full_fit.coef);
  EXPECT_EQ(screened_fit.intercept, full_fit.intercept);
  EXPECT_GT((screened_fit.coef.array() != 0).count(), 20);
}

// sign_lasso_fit_on_path follows LassoCV's own grid (alpha_max of all rows): at the index
// LassoCV chose it must give LassoCV's fit.
TEST(SignLassoPath, FitOnPathAtLassoCvsChoiceIsLassoCvsFit) {
  const Problem p = make_problem(120, 300, 8);
  const SignLassoCvOptions options{.alphas = 30};
  const LassoCvResult cv = sign_lasso_cv(p.x, p.y, p.penalty, options);
  const auto chosen = static_cast<int>(
      std::find(cv.alpha_grid.begin(), cv.alpha_grid.end(), cv.alpha) - cv.alpha_grid.begin());
  ASSERT_LT(chosen, options.alphas);
  const LassoCvResult on_path = sign_lasso_fit_on_path(p.x, p.y, p.penalty, chosen, options);
  EXPECT_EQ(on_path.alpha, cv.alpha);
  EXPECT_EQ(on_path.coef, cv.coef);
  EXPECT_EQ(on_path.intercept, cv.intercept);
}

// The held-out path's grid starts at the training rows' own alpha_max: its entry a is the
// held-out error of the fit, at entry a of the path, on a design holding the training rows alone.
TEST(SignLassoPath, HeldOutPathScoresTheTrainingRowsOwnPath) {
  const Problem p = make_problem(150, 260, 9);
  const std::int64_t begin = 60, end = 90;  // a middle fold
  SignMatrix train(p.x.rows() - (end - begin), p.x.columns());
  std::vector<double> train_y;
  for (std::int64_t i = 0, r = 0; i < p.x.rows(); ++i) {
    if (i >= begin && i < end) continue;
    for (std::int64_t j = 0; j < p.x.columns(); ++j) train.set(r, j, p.x(i, j));
    train_y.push_back(p.y[static_cast<std::size_t>(i)]);
    ++r;
  }
  const SignLassoCvOptions options{.alphas = 12, .tol = 1e-8, .max_iter = 100000};
  const std::vector<double> mse =
      sign_lasso_held_out_path(p.x, p.y, p.penalty, begin, end, options);
  ASSERT_EQ(mse.size(), 12U);
  for (const int a : {0, 4, 11}) {
    const LassoCvResult fit = sign_lasso_fit_on_path(train, train_y, p.penalty, a, options);
    double sse = 0;
    for (std::int64_t i = begin; i < end; ++i) {
      double predicted = fit.intercept;
      for (std::int64_t j = 0; j < p.x.columns(); ++j) predicted += fit.coef(j) * p.x(i, j);
      sse += std::pow(p.y[static_cast<std::size_t>(i)] - predicted, 2);
    }
    EXPECT_NEAR(mse[static_cast<std::size_t>(a)], sse / (end - begin), 1e-6 * mse[0]) << a;
  }
  // At alpha_max every weight is zero: the held-out error of the training mean.
  double mean = 0, sse = 0;
  for (const double v : train_y) mean += v / static_cast<double>(train_y.size());
  for (std::int64_t i = begin; i < end; ++i)
    sse += std::pow(p.y[static_cast<std::size_t>(i)] - mean, 2);
  EXPECT_NEAR(mse[0], sse / (end - begin), 1e-9 * mse[0]);
  EXPECT_LT(*std::min_element(mse.begin(), mse.end()), 0.9 * mse[0]);  // the path learns
}

TEST(SignLassoCv, ConstantTargetGivesTheMeanAndBadInputIsNamed) {
  Problem p = make_problem(40, 30, 5);
  std::fill(p.y.begin(), p.y.end(), 2.5);
  const LassoCvResult constant = sign_lasso_cv(p.x, p.y, p.penalty);
  EXPECT_EQ(constant.coef.cwiseAbs().maxCoeff(), 0.0);
  EXPECT_DOUBLE_EQ(constant.intercept, 2.5);

  std::vector<double> bad = p.penalty;
  bad[3] = 0.0;
  EXPECT_THROW(
      {
        try {
          (void)sign_lasso_cv(p.x, p.y, bad);
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("penalty factors must be positive"),
                    std::string::npos);
          throw;
        }
      },
      Error);
  const SignMatrix tiny(3, 2);
  const std::vector<double> y(3, 1.0), penalty(2, 1.0);
  EXPECT_THROW((void)sign_lasso_cv(tiny, y, penalty), Error);
}

// Noise-free and sparse: the lasso's selection holds the planted columns, its shrinkage costs
// held-out error, so the folds prefer least squares on the selection, which recovers the weights.
TEST(SignLassoCv, RelaxedFitRefitsTheSelectionWhereTheFoldsPreferIt) {
  Problem p = make_problem(300, 60, 7);
  Rng rng(8);
  std::vector<double> planted(60, 0.0);
  for (std::int64_t j = 0; j < 60; j += 10)
    planted[static_cast<std::size_t>(j)] = rng.uniform(1.0, 3.0);
  for (std::int64_t i = 0; i < 300; ++i) {
    double v = 1.5;
    for (std::int64_t j = 0; j < 60; ++j) v += planted[static_cast<std::size_t>(j)] * p.x(i, j);
    p.y[static_cast<std::size_t>(i)] = v;
  }
  const std::vector<double> ones(60, 1.0);
  const LassoCvResult lasso = sign_lasso_cv(p.x, p.y, ones);
  const LassoCvResult relaxed = sign_lasso_cv(p.x, p.y, ones, {.relax = true});
  EXPECT_FALSE(lasso.relaxed);
  EXPECT_TRUE(std::isnan(lasso.relaxed_mse));
  ASSERT_TRUE(relaxed.relaxed);
  EXPECT_LT(relaxed.relaxed_mse,
            *std::min_element(relaxed.mean_mse.begin(), relaxed.mean_mse.end()));
  EXPECT_EQ(relaxed.alpha, lasso.alpha);  // the same path and choice; only the refit differs
  double lasso_error = 0, relaxed_error = 0;
  for (Eigen::Index j = 0; j < 60; ++j) {
    lasso_error =
        std::max(lasso_error, std::abs(lasso.coef(j) - planted[static_cast<std::size_t>(j)]));
    relaxed_error =
        std::max(relaxed_error, std::abs(relaxed.coef(j) - planted[static_cast<std::size_t>(j)]));
  }
  EXPECT_GT(lasso_error, 1e-3);
  EXPECT_LT(relaxed_error, 1e-6);
  EXPECT_NEAR(relaxed.intercept, 1.5, 1e-6);
  const LassoCvResult three_threads = sign_lasso_cv(p.x, p.y, ones, {.threads = 3, .relax = true});
  EXPECT_EQ(three_threads.relaxed_mse, relaxed.relaxed_mse);
  EXPECT_EQ(three_threads.coef, relaxed.coef);
}

// Noise only, more columns than rows: least squares on the noise columns the lasso let in fits
// the training rows' noise, the folds see it, and the lasso's own fit stays.
TEST(SignLassoCv, RelaxedFitDeclinedKeepsTheLassosFit) {
  int declined = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    Problem p = make_problem(80, 200, seed);
    Rng rng(seed + 100);
    for (double& v : p.y) v = rng.normal();
    const LassoCvResult lasso = sign_lasso_cv(p.x, p.y, p.penalty);
    const LassoCvResult relax = sign_lasso_cv(p.x, p.y, p.penalty, {.relax = true});
    ASSERT_FALSE(std::isnan(relax.relaxed_mse));
    if (relax.relaxed) continue;
    ++declined;
    EXPECT_GE(relax.relaxed_mse, *std::min_element(relax.mean_mse.begin(), relax.mean_mse.end()));
    EXPECT_EQ(relax.coef, lasso.coef);
    EXPECT_EQ(relax.intercept, lasso.intercept);
  }
  EXPECT_GE(declined, 3);
}

}  // namespace
}  // namespace spexbench
