// Faithfulness: R^2 of the explanation, used as a surrogate of the value function, on held-out
// uniformly random masks (SPEX and ProxySPEX papers: 1,000 masks not counted in the budget).
//   R^2 = 1 - sum_r (f(x_r) - fhat(x_r))^2 / sum_r (f(x_r) - mean f)^2
#include <cmath>

#include "core/metric.h"

namespace spexbench {
namespace {

struct FaithfulnessConfig {
  template <class V>
  void visit(V&) {}
};

class Faithfulness final : public Metric {
 public:
  explicit Faithfulness(FaithfulnessConfig) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const std::size_t rows = input.holdout_values.size();
    if (rows == 0) return std::nullopt;
    const std::vector<double> predicted = input.estimate.evaluate(input.holdout_masks);
    double mean = 0;
    for (const double y : input.holdout_values) mean += y;
    mean /= static_cast<double>(rows);
    double residual = 0, total = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      const double y = input.holdout_values[r];
      residual += (y - predicted[r]) * (y - predicted[r]);
      total += (y - mean) * (y - mean);
    }
    if (total <= 0) return std::nullopt;  // constant function: R^2 undefined
    return 1.0 - residual / total;
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
  std::string spec() const override { return "r2"; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, Faithfulness, FaithfulnessConfig, "r2",
                   "faithfulness: R^2 of the explanation on the held-out masks");

}  // namespace spexbench
