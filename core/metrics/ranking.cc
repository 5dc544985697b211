// Ranking agreement with the ground truth, in the ground truth's basis, constant term excluded
// (it is not an interaction). Both compare orders, not values, so they also apply to an intended
// ground truth (core/truth_kind.h), whose coefficients are on the grammar's scale, not the model's:
//
//   recall_at_10: the share of the 10 largest ground-truth terms (by |coefficient|) that are among
//     the estimate's 10 largest terms (min(10, |truth|) when the truth has fewer terms).
//   kendall_tau: Kendall's tau-b between the true coefficients and the estimated ones (0 where the
//     estimate lacks the term) over the ground-truth support, computed on the values themselves,
//     ties handled by tau-b (not on argsort index arrays).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/metric.h"
#include "core/metrics/kendall_tau_b.h"

namespace spexbench {
namespace {

struct RankingConfig {
  template <class V>
  void visit(V&) {}
};

/// Non-constant terms of p ordered by decreasing |coefficient| (ties by canonical order).
std::vector<std::size_t> by_magnitude(const SparsePolynomial& p) {
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < p.size(); ++t)
    if (p.degree(t) > 0) order.push_back(t);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(p.coef(a)) > std::abs(p.coef(b));
  });
  return order;
}

class RecallAt10 final : public ConfiguredPlugin<Metric, RankingConfig> {
 public:
  explicit RecallAt10(RankingConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    if (input.ground_truth == nullptr) return std::nullopt;
    const SparsePolynomial& truth = *input.ground_truth;
    const SparsePolynomial estimate = input.estimate.to_basis(truth.basis());
    std::vector<std::size_t> top_truth = by_magnitude(truth);
    if (top_truth.empty()) return std::nullopt;
    top_truth.resize(std::min<std::size_t>(10, top_truth.size()));
    std::vector<std::size_t> top_estimate = by_magnitude(estimate);
    top_estimate.resize(std::min<std::size_t>(10, top_estimate.size()));
    SparsePolynomial top(truth.num_features(), truth.basis());
    for (const std::size_t t : top_estimate) top.add_term(estimate.term(t), 1.0);
    const TermIndex index(top);
    double hits = 0;
    for (const std::size_t t : top_truth) hits += index.find(truth.term(t)).has_value();
    return hits / static_cast<double>(top_truth.size());
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
};

class KendallTau final : public ConfiguredPlugin<Metric, RankingConfig> {
 public:
  explicit KendallTau(RankingConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    if (input.ground_truth == nullptr) return std::nullopt;
    const SparsePolynomial& truth = *input.ground_truth;
    const SparsePolynomial estimate = input.estimate.to_basis(truth.basis());
    const TermIndex index(estimate);
    std::vector<double> x, y;
    for (std::size_t t = 0; t < truth.size(); ++t) {
      if (truth.degree(t) == 0) continue;
      x.push_back(truth.coef(t));
      const auto e = index.find(truth.term(t));
      y.push_back(e ? estimate.coef(*e) : 0.0);
    }
    return kendall_tau_b(x, y);
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, RecallAt10, RankingConfig, "recall_at_10",
                   "share of the 10 largest true terms among the estimate's 10 largest");
SPEXBENCH_REGISTER(Metric, KendallTau, RankingConfig, "kendall_tau",
                   "Kendall tau-b between true and estimated coefficients on the true support");

}  // namespace spexbench
