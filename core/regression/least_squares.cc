#include "core/regression/least_squares.h"

#include <cmath>

#include "core/error.h"
#include "core/regression/blas.h"
#include "core/regression/symmetric_eigen.h"

namespace spexbench {

namespace {

/// Mean leave-one-out squared error of every alpha at once, for hat matrices
/// H(alpha) = B diag(w_alpha) B^T with orthonormal-type basis B (rows x k): column a of `weights`
/// is w_alpha, bty = B^T y. Fitted values B diag(w) B^T y and leverages diag H are two matrix
/// products over all alphas (per-alpha matrix-vector products read B 200 times).
Eigen::VectorXd loo_errors(const Eigen::MatrixXd& b, const Eigen::VectorXd& bty,
                           const Eigen::MatrixXd& weights, const Eigen::VectorXd& y) {
  const Eigen::MatrixXd fitted =
      blas_product(b, (weights.array().colwise() * bty.array()).matrix());
  const Eigen::MatrixXd leverage = blas_product(b.cwiseProduct(b), weights);
  const Eigen::ArrayXXd residual =
      (fitted.array().colwise() - y.array()) / (1.0 - leverage.array());
  return residual.square().colwise().mean().transpose();
}

/// The first alpha of least error (NaN errors, from leverages of exactly 1, never win).
Eigen::Index best_alpha(const Eigen::VectorXd& errors) {
  Eigen::Index best = 0;
  for (Eigen::Index a = 1; a < errors.size(); ++a)
    if (errors(a) < errors(best) || std::isnan(errors(best))) best = a;
  return best;
}

/// The dual form for more columns than rows: X X^T = U diag(d) U^T gives the hat matrix
/// U diag(d / (d + alpha)) U^T and coef = X^T U diag(1 / (d + alpha)) U^T y.
LinearFit ridge_cv_dual(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                        std::span<const double> alphas) {
  const SymmetricEigen eigen = symmetric_eigen(blas_gram(x, true));
  const Eigen::ArrayXd d = eigen.values.cwiseMax(0.0).array();
  const Eigen::MatrixXd& u = eigen.vectors;
  const Eigen::VectorXd uty = u.transpose() * y;
  Eigen::MatrixXd shrink(d.size(), static_cast<Eigen::Index>(alphas.size()));
  for (std::size_t a = 0; a < alphas.size(); ++a)
    shrink.col(static_cast<Eigen::Index>(a)) = (d / (d + alphas[a])).matrix();
  const Eigen::VectorXd errors = loo_errors(u, uty, shrink, y);
  const Eigen::Index best_index = best_alpha(errors);
  const double alpha = alphas[static_cast<std::size_t>(best_index)];
  return {.coef = x.transpose() * (u * (d + alpha).inverse().matrix().cwiseProduct(uty)),
          .alpha = alpha,
          .cv_mse = errors(best_index)};
}

}  // namespace

LinearFit ridge_cv(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                   std::span<const double> alphas) {
  SPEXBENCH_ASSERT(!alphas.empty() && x.rows() == y.size());
  if (x.cols() > x.rows()) return ridge_cv_dual(x, y, alphas);
  // X^T X = V diag(d) V^T; with Q = X V, the hat matrix of alpha has diagonal
  // h_ii = sum_j Q_ij^2 / (d_j + alpha) and coef = V diag(1 / (d + alpha)) Q^T y.
  const SymmetricEigen eigen = symmetric_eigen(blas_gram(x, false));
  const Eigen::VectorXd d = eigen.values.cwiseMax(0.0);
  const Eigen::MatrixXd q = blas_product(x, eigen.vectors);
  const Eigen::VectorXd qty = q.transpose() * y;
  Eigen::MatrixXd inverse(d.size(), static_cast<Eigen::Index>(alphas.size()));
  for (std::size_t a = 0; a < alphas.size(); ++a)
    inverse.col(static_cast<Eigen::Index>(a)) = (d.array() + alphas[a]).inverse().matrix();
  const Eigen::VectorXd errors = loo_errors(q, qty, inverse, y);
  const Eigen::Index best_index = best_alpha(errors);
  return {.coef = eigen.vectors * inverse.col(best_index).cwiseProduct(qty),
          .alpha = alphas[static_cast<std::size_t>(best_index)],
          .cv_mse = errors(best_index)};
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
