// Faithfulness: R^2 of the explanation, used as a surrogate of the value function, on held-out
// uniformly random masks (SPEX and ProxySPEX papers: 1,000 masks not counted in the budget).
//   R^2 = 1 - sum_r (f(x_r) - fhat(x_r))^2 / sum_r (f(x_r) - mean f)^2
#include "core/metric.h"
#include "core/regression/r_squared.h"

namespace spexbench {
namespace {

struct FaithfulnessConfig {
  template <class V>
  void visit(V&) {}
};

class Faithfulness final : public ConfiguredPlugin<Metric, FaithfulnessConfig> {
 public:
  explicit Faithfulness(FaithfulnessConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const std::size_t rows = input.holdout_values.size();
    if (rows == 0) return std::nullopt;
    const std::vector<double> predicted = input.estimate.evaluate(input.holdout_masks);
    // A constant function has no R^2: the metric is then absent.
    return r_squared(input.holdout_values, predicted, ConstantObserved::kUndefined);
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, Faithfulness, FaithfulnessConfig, "r2",
                   "faithfulness: R^2 of the explanation on the held-out masks");

}  // namespace spexbench
