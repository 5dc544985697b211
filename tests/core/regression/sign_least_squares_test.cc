#include "core/regression/sign_least_squares.h"

#include <gtest/gtest.h>

#include "core/regression/least_squares.h"
#include "core/rng.h"

namespace spexbench {
namespace {

struct Problem {
  SignMatrix x{0, 0};
  std::vector<double> y;
};

Problem random_problem(std::int64_t rows, std::int64_t columns, std::uint64_t seed) {
  Rng rng(seed);
  Problem p{SignMatrix(rows, columns), {}};
  for (std::int64_t j = 0; j < columns; ++j)
    for (std::int64_t i = 0; i < rows; ++i) p.x.set(i, j, rng.uniform(0.0, 1.0) < 0.5 ? -1 : 1);
  for (std::int64_t i = 0; i < rows; ++i) p.y.push_back(2.0 + 3.0 * rng.normal());
  return p;
}

/// The rows outside [held_begin, held_end) of `columns`, as doubles.
Eigen::MatrixXd dense(const SignMatrix& x, const std::vector<std::int64_t>& columns,
                      std::int64_t held_begin, std::int64_t held_end) {
  Eigen::MatrixXd out(x.rows() - (held_end - held_begin),
                      static_cast<Eigen::Index>(columns.size()));
  Eigen::Index r = 0;
  for (std::int64_t i = 0; i < x.rows(); ++i) {
    if (i >= held_begin && i < held_end) continue;
    for (std::size_t c = 0; c < columns.size(); ++c)
      out(r, static_cast<Eigen::Index>(c)) = x(i, columns[c]);
    ++r;
  }
  return out;
}

// The popcount normal equations on the training rows give what a dense ridge (sklearn's Ridge
// with an intercept, which it does not penalise) gives on a copy of them. 131 rows: the packed
// words end part-way, and the held-out block does not start on a byte.
TEST(SignLeastSquares, EqualsDenseRidgeOnTheTrainingRows) {
  const Problem p = random_problem(131, 40, 3);
  const std::vector<std::int64_t> columns = {0, 5, 7, 11, 12, 30, 39};
  for (const auto& [begin, end] :
       std::vector<std::pair<std::int64_t, std::int64_t>>{{0, 0}, {0, 27}, {53, 79}, {105, 131}}) {
    for (const double ridge_penalty : {1e-6, 4.0}) {
      const SignLeastSquares fit = sign_least_squares(p.x, columns, p.y, begin, end, ridge_penalty);
      Eigen::VectorXd y(p.x.rows() - (end - begin));
      Eigen::Index r = 0;
      for (std::int64_t i = 0; i < p.x.rows(); ++i)
        if (i < begin || i >= end) y(r++) = p.y[static_cast<std::size_t>(i)];
      const LinearFit reference = ridge(dense(p.x, columns, begin, end), y,
                                        Eigen::VectorXd::Ones(y.size()), ridge_penalty, true);
      EXPECT_NEAR(fit.intercept, reference.intercept, 1e-10) << begin << " " << ridge_penalty;
      EXPECT_LT((fit.coef - reference.coef).cwiseAbs().maxCoeff(), 1e-10)
          << begin << " " << ridge_penalty;
    }
  }
}

TEST(SignLeastSquares, HeldOutErrorIsTheMeanSquaredResidual) {
  const Problem p = random_problem(90, 10, 4);
  const std::vector<std::int64_t> columns = {1, 2, 8};
  const SignLeastSquares fit = sign_least_squares(p.x, columns, p.y, 30, 45, 1e-6);
  double sse = 0;
  for (std::int64_t i = 30; i < 45; ++i) {
    double predicted = fit.intercept;
    for (std::size_t c = 0; c < columns.size(); ++c)
      predicted += fit.coef(static_cast<Eigen::Index>(c)) * p.x(i, columns[c]);
    sse += (p.y[static_cast<std::size_t>(i)] - predicted) *
           (p.y[static_cast<std::size_t>(i)] - predicted);
  }
  EXPECT_NEAR(sign_mse(p.x, columns, fit, p.y, 30, 45), sse / 15, 1e-12);
}

// More columns than training rows, and a column twice: the tiny ridge keeps the equations
// solvable, and the fit interpolates the training rows.
TEST(SignLeastSquares, CollinearColumnsStaySolvable) {
  const Problem p = random_problem(20, 30, 5);
  std::vector<std::int64_t> columns(30);
  for (std::int64_t j = 0; j < 30; ++j) columns[static_cast<std::size_t>(j)] = j;
  columns.push_back(3);
  const SignLeastSquares fit = sign_least_squares(p.x, columns, p.y, 0, 0, 1e-6);
  EXPECT_TRUE(fit.coef.allFinite());
  EXPECT_LT(sign_mse(p.x, columns, fit, p.y, 0, 20), 1e-6);
  EXPECT_NEAR(fit.coef(3), fit.coef(30), 1e-6);  // the two copies share the weight
}

}  // namespace
}  // namespace spexbench
