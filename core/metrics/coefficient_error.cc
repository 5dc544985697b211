// Normalised mean squared error of the coefficients, in the ground truth's basis, over the union
// of both supports:  NMSE = sum_T (chat_T - c_T)^2 / sum_T c_T^2. Exact ground truths only.
#include <cmath>

#include "core/metric.h"

namespace spexbench {
namespace {

struct NmseConfig {
  template <class V>
  void visit(V&) {}
};

class CoefficientNmse final : public ConfiguredPlugin<Metric, NmseConfig> {
 public:
  explicit CoefficientNmse(NmseConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    if (input.exact_truth() == nullptr) return std::nullopt;
    const SparsePolynomial& truth = *input.ground_truth;
    const SparsePolynomial estimate = input.estimate.to_basis(truth.basis());
    const TermIndex truth_index(truth);
    double error = 0, energy = 0;
    for (std::size_t t = 0; t < truth.size(); ++t) energy += truth.coef(t) * truth.coef(t);
    if (energy <= 0) return std::nullopt;
    std::vector<bool> matched(truth.size(), false);
    for (std::size_t e = 0; e < estimate.size(); ++e) {
      double target = 0;
      if (const auto t = truth_index.find(estimate.term(e))) {
        target = truth.coef(*t);
        matched[*t] = true;
      }
      error += (estimate.coef(e) - target) * (estimate.coef(e) - target);
    }
    for (std::size_t t = 0; t < truth.size(); ++t)
      if (!matched[t]) error += truth.coef(t) * truth.coef(t);
    return error / energy;
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return false; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, CoefficientNmse, NmseConfig, "nmse",
                   "normalised squared error of the coefficients against the ground truth");

}  // namespace spexbench
