// L2-regularised multinomial logistic regression trained to convergence by Newton's method
// (deterministic: no sampling, no initial randomness), the model `data.subsets` retrains for every
// subset of its training data.
//
//   minimise  sum_i -log softmax(W x_i + b)_{y_i}  +  (lambda / 2) (||W||^2 + ||b||^2)
//
// The bias is penalised as well: trained on a subset of a single class, an unpenalised bias would
// run off to infinity and the margin would measure the optimiser's iteration count.
//
// Two classes use the scalar logit z = w . x + b (softmax with the other class fixed at 0); more
// classes use one weight row per class. An empty training set gives the zero model.
#pragma once

#include <Eigen/Dense>
#include <span>
#include <vector>

namespace spexbench::data {

struct LogisticModel {
  Eigen::MatrixXd weights;  ///< classes x features (two classes: one row, class 1's logit)
  Eigen::VectorXd bias;
  int classes = 2;

  /// Logits of every class for x (two classes: {0, z}).
  [[nodiscard]] Eigen::VectorXd logits(const Eigen::VectorXd& x) const;
  /// Logit of the true class minus the largest other logit.
  [[nodiscard]] double margin(const Eigen::VectorXd& x, int label) const;
};

struct LogisticOptions {
  double l2 = 1.0;
  int max_iterations = 50;
  double tolerance = 1e-10;  ///< on the Newton decrement
};

/// Fits on the rows `rows` of (features, labels), labels in [0, classes).
[[nodiscard]] LogisticModel fit_logistic(const Eigen::MatrixXd& features,
                                         std::span<const int> labels,
                                         std::span<const std::size_t> rows, int classes,
                                         const LogisticOptions& options = {});

}  // namespace spexbench::data
