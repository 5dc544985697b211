#include "core/regression/sign_least_squares.h"

#include <vector>

#include "core/error.h"
#include "core/regression/sign_kernels.h"

namespace spexbench {
namespace {

/// x_a^T x_b over the training rows: every row outside [held_begin, held_end).
double training_dot(const SignMatrix& x, std::int64_t a, std::int64_t b, std::int64_t held_begin,
                    std::int64_t held_end) {
  return static_cast<double>(x.dot(a, b, 0, held_begin) + x.dot(a, b, held_end, x.rows()));
}

}  // namespace

SignLeastSquares sign_least_squares(const SignMatrix& x, std::span<const std::int64_t> columns,
                                    std::span<const double> y, std::int64_t held_begin,
                                    std::int64_t held_end, double ridge) {
  SPEXBENCH_ASSERT(static_cast<std::int64_t>(y.size()) == x.rows());
  SPEXBENCH_ASSERT(0 <= held_begin && held_begin <= held_end && held_end <= x.rows());
  const std::int64_t training_rows = x.rows() - (held_end - held_begin);
  SPEXBENCH_CHECK(training_rows > 0, "least squares: no training rows");
  const auto p = static_cast<Eigen::Index>(columns.size());
  const auto rows = static_cast<double>(training_rows);

  // Normal equations of [1, X_S]: index 0 is the intercept.
  Eigen::MatrixXd gram(p + 1, p + 1);
  Eigen::VectorXd xty(p + 1);
  gram(0, 0) = rows;
  double ysum = 0;
  for (std::int64_t r = 0; r < x.rows(); ++r)
    if (r < held_begin || r >= held_end) ysum += y[static_cast<std::size_t>(r)];
  xty(0) = ysum;
  for (Eigen::Index j = 0; j < p; ++j) {
    const auto cj = static_cast<std::size_t>(j);
    const std::uint8_t* bits = x.column_bits(columns[cj]);
    xty(j + 1) = sign_kernels::dot(bits, y.data(), 0, held_begin) +
                 sign_kernels::dot(bits, y.data(), held_end, x.rows());
    gram(0, j + 1) = gram(j + 1, 0) =
        training_dot(x, columns[cj], SignMatrix::kOnes, held_begin, held_end);
    for (Eigen::Index k = 0; k <= j; ++k)
      gram(j + 1, k + 1) = gram(k + 1, j + 1) =
          training_dot(x, columns[cj], columns[static_cast<std::size_t>(k)], held_begin, held_end);
  }
  for (Eigen::Index j = 1; j <= p; ++j) gram(j, j) += ridge;

  const Eigen::LDLT<Eigen::MatrixXd> solver(gram);
  const Eigen::VectorXd w = solver.solve(xty);
  SPEXBENCH_CHECK(w.allFinite(), "least squares: the normal equations over ", p, " columns and ",
                  training_rows, " rows have no finite solution");
  return {w(0), w.tail(p)};
}

double sign_mse(const SignMatrix& x, std::span<const std::int64_t> columns,
                const SignLeastSquares& fit, std::span<const double> y, std::int64_t begin,
                std::int64_t end) {
  SPEXBENCH_ASSERT(0 <= begin && begin < end && end <= x.rows());
  std::vector<double> residual(y.begin() + begin, y.begin() + end);
  for (double& r : residual) r -= fit.intercept;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const double w = fit.coef(static_cast<Eigen::Index>(c));
    for (std::int64_t r = begin; r < end; ++r)
      residual[static_cast<std::size_t>(r - begin)] -= w * x(r, columns[c]);
  }
  double sse = 0;
  for (const double r : residual) sse += r * r;
  return sse / static_cast<double>(end - begin);
}

}  // namespace spexbench
