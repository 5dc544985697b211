#include "baselines/common/faith_shap_fit.h"

#include "core/regression/design.h"
#include "core/regression/least_squares.h"

namespace spexbench::baselines {

SparsePolynomial faith_shap_fit(int order, const WeightedCoalitions& coalitions,
                                std::span<const double> values, double f_empty, double f_full) {
  const int n = coalitions.masks.num_features();
  const TermList terms = sets_up_to(n, order);
  const Eigen::MatrixXd x = mobius_design(coalitions.masks, terms);
  const Eigen::Map<const Eigen::VectorXd> y(values.data(),
                                            static_cast<Eigen::Index>(values.size()));
  const Eigen::Map<const Eigen::VectorXd> w(coalitions.weights.data(),
                                            static_cast<Eigen::Index>(coalitions.weights.size()));
  // Constraints: the polynomial at ∅ (only the constant term) and at N (every term).
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(2, static_cast<Eigen::Index>(terms.size()));
  c(0, 0) = 1.0;
  c.row(1).setOnes();
  const Eigen::Vector2d d(f_empty, f_full);
  return mobius_polynomial(n, terms, constrained_least_squares(x, y, w, c, d));
}

}  // namespace spexbench::baselines
