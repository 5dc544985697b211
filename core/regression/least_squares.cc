#include "core/regression/least_squares.h"

#include <limits>

#include "core/error.h"
#include "core/regression/symmetric_eigen.h"

namespace spexbench {

namespace {

/// m^T m (transpose: m m^T), lower triangle only, by a symmetric rank update (half a product).
Eigen::MatrixXd lower_gram(const Eigen::MatrixXd& m, bool transpose) {
  const Eigen::Index size = transpose ? m.rows() : m.cols();
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(size, size);
  if (transpose) {
    gram.selfadjointView<Eigen::Lower>().rankUpdate(m);
  } else {
    gram.selfadjointView<Eigen::Lower>().rankUpdate(m.transpose());
  }
  return gram;
}

/// The dual form for more columns than rows: X X^T = U diag(d) U^T gives the hat matrix
/// U diag(d / (d + alpha)) U^T and coef = X^T U diag(1 / (d + alpha)) U^T y.
LinearFit ridge_cv_dual(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                        std::span<const double> alphas) {
  const SymmetricEigen eigen = symmetric_eigen(lower_gram(x, true));
  const Eigen::VectorXd d = eigen.values.cwiseMax(0.0);
  const Eigen::MatrixXd& u = eigen.vectors;
  const Eigen::VectorXd uty = u.transpose() * y;
  const Eigen::MatrixXd u2 = u.cwiseProduct(u);
  LinearFit best;
  double best_error = std::numeric_limits<double>::infinity();
  for (const double alpha : alphas) {
    const Eigen::VectorXd shrink = (d.array() / (d.array() + alpha)).matrix();
    const Eigen::VectorXd fitted = u * shrink.cwiseProduct(uty);
    const Eigen::VectorXd leverage = u2 * shrink;
    const double error = ((y - fitted).array() / (1.0 - leverage.array())).square().mean();
    if (error < best_error) {
      best_error = error;
      best.alpha = alpha;
      best.cv_mse = error;
      best.coef = x.transpose() * (u * (d.array() + alpha).inverse().matrix().cwiseProduct(uty));
    }
  }
  return best;
}

}  // namespace

LinearFit ridge_cv(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                   std::span<const double> alphas) {
  SPEXBENCH_ASSERT(!alphas.empty() && x.rows() == y.size());
  if (x.cols() > x.rows()) return ridge_cv_dual(x, y, alphas);
  // X^T X = V diag(d) V^T; with Q = X V, the hat matrix of alpha has diagonal
  // h_ii = sum_j Q_ij^2 / (d_j + alpha) and coef = V diag(1 / (d + alpha)) Q^T y.
  const SymmetricEigen eigen = symmetric_eigen(lower_gram(x, false));
  const Eigen::VectorXd d = eigen.values.cwiseMax(0.0);
  const Eigen::MatrixXd q = x * eigen.vectors;
  const Eigen::VectorXd qty = q.transpose() * y;
  const Eigen::MatrixXd q2 = q.cwiseProduct(q);
  LinearFit best;
  double best_error = std::numeric_limits<double>::infinity();
  for (const double alpha : alphas) {
    const Eigen::VectorXd inverse = (d.array() + alpha).inverse().matrix();
    const Eigen::VectorXd fitted = q * inverse.cwiseProduct(qty);
    const Eigen::VectorXd leverage = q2 * inverse;
    const double error = ((y - fitted).array() / (1.0 - leverage.array())).square().mean();
    if (error < best_error) {
      best_error = error;
      best.alpha = alpha;
      best.cv_mse = error;
      best.coef = eigen.vectors * inverse.cwiseProduct(qty);
    }
  }
  return best;
}

LinearFit ridge(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& weights,
                double alpha, bool fit_intercept) {
  SPEXBENCH_ASSERT(x.rows() == y.size() && weights.size() == y.size());
  const double total = weights.sum();
  Eigen::RowVectorXd x_mean = Eigen::RowVectorXd::Zero(x.cols());
  double y_mean = 0;
  if (fit_intercept) {
    x_mean = (weights.transpose() * x) / total;
    y_mean = weights.dot(y) / total;
  }
  const Eigen::VectorXd root = weights.cwiseSqrt();
  const Eigen::MatrixXd xs = root.asDiagonal() * (x.rowwise() - x_mean);
  const Eigen::VectorXd ys =
      root.cwiseProduct(y.array().matrix() - Eigen::VectorXd::Constant(y.size(), y_mean));
  Eigen::MatrixXd normal = xs.transpose() * xs;
  normal.diagonal().array() += alpha;
  LinearFit fit;
  fit.alpha = alpha;
  fit.coef = normal.completeOrthogonalDecomposition().solve(xs.transpose() * ys);
  fit.intercept = fit_intercept ? y_mean - x_mean.dot(fit.coef) : 0.0;
  return fit;
}

Eigen::VectorXd constrained_least_squares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                          const Eigen::VectorXd& weights, const Eigen::MatrixXd& c,
                                          const Eigen::VectorXd& d) {
  const Eigen::Index p = x.cols(), m = c.rows();
  Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(p + m, p + m);
  Eigen::VectorXd rhs(p + m);
  const Eigen::MatrixXd xw = x.transpose() * weights.asDiagonal();
  kkt.topLeftCorner(p, p) = xw * x;
  kkt.topRightCorner(p, m) = c.transpose();
  kkt.bottomLeftCorner(m, p) = c;
  rhs.head(p) = xw * y;
  rhs.tail(m) = d;
  return kkt.completeOrthogonalDecomposition().solve(rhs).head(p);
}

}  // namespace spexbench
