// Support recovery against the ground truth, in the ground truth's basis. Exact ground truths only:
// "recovered" compares coefficient values.
//
// A ground-truth term T (coefficient c_T != 0) is recovered when the estimate, converted to the
// same basis, has T with |chat_T - c_T| <= rel_tol |c_T|. The estimated support is every term with
// |chat| > rel_tol * min_T |c_T|: coefficients smaller than the tolerance on the weakest true term
// are rounding or noise, not claims, except a recovered term, which is always in it. Then
//   precision = recovered / |estimated support|,  recall = recovered / |true support|,
//   F1 = 2 precision recall / (precision + recall)   (0 when both are 0).
//
// Energy recall asks only which terms the estimate holds, not their values: the share of the
// truth's non-constant energy sum_{T != {}} c_T^2 on terms the estimate holds with any non-zero
// coefficient. In the Fourier basis under uniform masks the characters are orthonormal, so this
// is the R^2 that the best refit on the estimate's support could reach: it tells a support that
// misses the truth from coefficients that are merely off (e.g. a proxy's spectrum before a refit).
#include <cmath>

#include "core/metric.h"

namespace spexbench {
namespace {

struct SupportConfig {
  double rel_tol = 0.1;
  template <class V>
  void visit(V& v) {
    v("rel_tol", rel_tol,
      {.doc = "relative coefficient error under which a true term counts as recovered",
       .min = 0.0,
       .max = 1.0});
  }
};

struct SupportCounts {
  double recovered = 0, estimated = 0, truth = 0;
};

std::optional<SupportCounts> count_support(const MetricInput& input, double rel_tol) {
  if (input.exact_truth() == nullptr || input.ground_truth->empty()) return std::nullopt;
  const SparsePolynomial& truth = *input.ground_truth;
  const SparsePolynomial estimate = input.estimate.to_basis(truth.basis());
  double weakest = INFINITY;
  for (const double c : truth.coefs())
    if (c != 0) weakest = std::min(weakest, std::abs(c));
  const TermIndex index(estimate);
  SupportCounts counts;
  for (std::size_t t = 0; t < truth.size(); ++t) {
    if (truth.coef(t) == 0) continue;
    ++counts.truth;
    if (const auto e = index.find(truth.term(t))) {
      const double chat = estimate.coef(*e);
      if (chat != 0 && std::abs(chat - truth.coef(t)) <= rel_tol * std::abs(truth.coef(t))) {
        ++counts.recovered;
        // A recovered term is a claim however small: at rel_tol >= 0.5 it can fall under the
        // threshold below, and it counts in the estimated support anyway (precision <= 1).
        if (!(std::abs(chat) > rel_tol * weakest)) ++counts.estimated;
      }
    }
  }
  for (const double c : estimate.coefs())
    if (std::abs(c) > rel_tol * weakest) ++counts.estimated;
  return counts;
}

struct EnergyRecallConfig {
  template <class V>
  void visit(V&) {}
};

class EnergyRecall final : public ConfiguredPlugin<Metric, EnergyRecallConfig> {
 public:
  explicit EnergyRecall(EnergyRecallConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    if (input.exact_truth() == nullptr) return std::nullopt;
    const SparsePolynomial& truth = *input.ground_truth;
    const SparsePolynomial estimate = input.estimate.to_basis(truth.basis());
    const TermIndex index(estimate);
    double held = 0, energy = 0;
    for (std::size_t t = 0; t < truth.size(); ++t) {
      if (truth.term(t).empty()) continue;
      const double e = truth.coef(t) * truth.coef(t);
      energy += e;
      if (const auto found = index.find(truth.term(t)); found && estimate.coef(*found) != 0)
        held += e;
    }
    if (energy <= 0) return std::nullopt;
    return held / energy;
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
};

enum class SupportScore { kPrecision, kRecall, kF1 };

template <SupportScore kScore>
class SupportMetric final : public ConfiguredPlugin<Metric, SupportConfig> {
 public:
  explicit SupportMetric(SupportConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const auto counts = count_support(input, config_.rel_tol);
    if (!counts) return std::nullopt;
    const double precision = counts->estimated > 0 ? counts->recovered / counts->estimated : 0.0;
    const double recall = counts->truth > 0 ? counts->recovered / counts->truth : 0.0;
    if constexpr (kScore == SupportScore::kPrecision) return precision;
    if constexpr (kScore == SupportScore::kRecall) return recall;
    return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
  }
  // 2: a recovered term is always in the estimated support (precision <= 1 at rel_tol >= 0.5), and
  // a zero coefficient never recovers a term. Values at the default rel_tol are unchanged.
  int version() const override { return 2; }
  bool higher_is_better() const override { return true; }
};

}  // namespace

SPEXBENCH_REGISTER(
    Metric, EnergyRecall, EnergyRecallConfig, "energy_recall",
    "share of the truth's non-constant energy on terms the estimate holds (refit ceiling)");
SPEXBENCH_REGISTER(Metric, SupportMetric<SupportScore::kPrecision>, SupportConfig,
                   "support_precision", "share of the estimated support that is recovered truth");
SPEXBENCH_REGISTER(Metric, SupportMetric<SupportScore::kRecall>, SupportConfig, "support_recall",
                   "share of the true support recovered within rel_tol");
SPEXBENCH_REGISTER(Metric, SupportMetric<SupportScore::kF1>, SupportConfig, "support_f1",
                   "harmonic mean of support precision and recall");

}  // namespace spexbench
