// Shapley-value error against the ground truth: the Shapley values of the explanation (read as a
// surrogate, phi_i = sum_{T ∋ i} a(T) / |T| on its Möbius form) against those of the task's exact
// function. Applies to every explainer, interaction methods included, and to exact ground truths
// only (core/truth_kind.h).
//   sv_max_error = max_i |phi_i - phi_i*|,   sv_mse = mean_i (phi_i - phi_i*)^2
#include <cmath>

#include "core/interaction_index.h"
#include "core/metric.h"

namespace spexbench {
namespace {

struct ShapleyErrorConfig {
  template <class V>
  void visit(V&) {}
};

template <bool kMax>
class ShapleyError final : public ConfiguredPlugin<Metric, ShapleyErrorConfig> {
 public:
  explicit ShapleyError(ShapleyErrorConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    if (input.exact_truth() == nullptr) return std::nullopt;
    const std::vector<double> truth = shapley_values(*input.ground_truth);
    const std::vector<double> estimate = shapley_values(input.estimate);
    double max_error = 0, squared = 0;
    for (std::size_t i = 0; i < truth.size(); ++i) {
      const double error = estimate[i] - truth[i];
      max_error = std::max(max_error, std::abs(error));
      squared += error * error;
    }
    return kMax ? max_error : squared / static_cast<double>(truth.size());
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return false; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, ShapleyError<true>, ShapleyErrorConfig, "sv_max_error",
                   "largest absolute Shapley-value error against the ground truth");
SPEXBENCH_REGISTER(Metric, ShapleyError<false>, ShapleyErrorConfig, "sv_mse",
                   "mean squared Shapley-value error against the ground truth");

}  // namespace spexbench
