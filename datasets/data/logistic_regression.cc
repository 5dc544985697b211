#include "datasets/data/logistic_regression.h"

#include <cmath>

namespace spexbench::data {

Eigen::VectorXd LogisticModel::logits(const Eigen::VectorXd& x) const {
  if (classes == 2) {
    Eigen::VectorXd out(2);
    out << 0.0, weights.row(0).dot(x) + bias(0);
    return out;
  }
  return weights * x + bias;
}

double LogisticModel::margin(const Eigen::VectorXd& x, int label) const {
  const Eigen::VectorXd z = logits(x);
  double best_other = -INFINITY;
  for (Eigen::Index k = 0; k < z.size(); ++k)
    if (k != label) best_other = std::max(best_other, z(k));
  return z(label) - best_other;
}

namespace {

/// Binary: Newton on (w, b) with the logistic loss; Hessian X^T S X + lambda I (bias unpenalised).
LogisticModel fit_binary(const Eigen::MatrixXd& x, std::span<const int> labels,
                         std::span<const std::size_t> rows, const LogisticOptions& options) {
  const Eigen::Index d = x.cols();
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(d + 1);  // weights, then bias
  Eigen::MatrixXd design(static_cast<Eigen::Index>(rows.size()), d + 1);
  Eigen::VectorXd y(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    design.row(static_cast<Eigen::Index>(r)) << x.row(static_cast<Eigen::Index>(rows[r])), 1.0;
    y(static_cast<Eigen::Index>(r)) = labels[rows[r]] == 1 ? 1.0 : 0.0;
  }
  // The bias is penalised too: a subset of one class would otherwise drive it to infinity.
  const Eigen::VectorXd penalty = Eigen::VectorXd::Constant(d + 1, options.l2);
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    const Eigen::VectorXd p = (1.0 + (-(design * theta)).array().exp()).inverse().matrix();
    const Eigen::VectorXd gradient = design.transpose() * (p - y) + penalty.cwiseProduct(theta);
    const Eigen::VectorXd s = p.cwiseProduct((1.0 - p.array()).matrix());
    Eigen::MatrixXd hessian = design.transpose() * s.asDiagonal() * design;
    hessian.diagonal() += penalty;
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    theta -= step;
    if (step.dot(gradient) < options.tolerance) break;
  }
  LogisticModel model;
  model.classes = 2;
  model.weights = theta.head(d).transpose();
  model.bias = theta.tail(1);
  return model;
}

/// Several classes: Newton on all class rows at once (full Hessian, small problems).
LogisticModel fit_multinomial(const Eigen::MatrixXd& x, std::span<const int> labels,
                              std::span<const std::size_t> rows, int classes,
                              const LogisticOptions& options) {
  const Eigen::Index d = x.cols(), k = classes, p = k * (d + 1);
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(p);  // class c: theta[c (d+1) .. ], bias last
  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(p);
    Eigen::MatrixXd hessian = Eigen::MatrixXd::Zero(p, p);
    Eigen::VectorXd a(d + 1);
    for (const std::size_t row : rows) {
      a << x.row(static_cast<Eigen::Index>(row)).transpose(), 1.0;
      Eigen::VectorXd z(k);
      for (Eigen::Index c = 0; c < k; ++c) z(c) = theta.segment(c * (d + 1), d + 1).dot(a);
      const Eigen::ArrayXd scaled = (z.array() - z.maxCoeff()).exp();
      const Eigen::VectorXd q = (scaled / scaled.sum()).matrix();
      for (Eigen::Index c = 0; c < k; ++c) {
        gradient.segment(c * (d + 1), d + 1) += (q(c) - (labels[row] == c ? 1.0 : 0.0)) * a;
        for (Eigen::Index e = 0; e < k; ++e)
          hessian.block(c * (d + 1), e * (d + 1), d + 1, d + 1) +=
              (q(c) * ((c == e ? 1.0 : 0.0) - q(e))) * (a * a.transpose());
      }
    }
    for (Eigen::Index c = 0; c < k; ++c) {
      for (Eigen::Index j = 0; j < d + 1; ++j) {
        gradient(c * (d + 1) + j) += options.l2 * theta(c * (d + 1) + j);
        hessian(c * (d + 1) + j, c * (d + 1) + j) += options.l2;
      }
    }
    const Eigen::VectorXd step = hessian.ldlt().solve(gradient);
    theta -= step;
    if (step.dot(gradient) < options.tolerance) break;
  }
  LogisticModel model;
  model.classes = classes;
  model.weights.resize(k, d);
  model.bias.resize(k);
  for (Eigen::Index c = 0; c < k; ++c) {
    model.weights.row(c) = theta.segment(c * (d + 1), d).transpose();
    model.bias(c) = theta(c * (d + 1) + d);
  }
  return model;
}

}  // namespace

LogisticModel fit_logistic(const Eigen::MatrixXd& features, std::span<const int> labels,
                           std::span<const std::size_t> rows, int classes,
                           const LogisticOptions& options) {
  if (classes == 2) return fit_binary(features, labels, rows, options);
  return fit_multinomial(features, labels, rows, classes, options);
}

}  // namespace spexbench::data
