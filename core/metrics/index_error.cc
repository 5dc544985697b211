// Interaction-index metrics: the explanation and the task's exact ground truth are both converted
// to one interaction index of one order by its closed form (core/interaction_index.h), which holds
// at any n, and compared over every interaction S with 1 <= |S| <= l (the empty set is the
// baseline f(∅), not an interaction; every S absent from both sides is 0 on both):
//   index_mse:index=I,order=l        mean over the C(n, 1) + ... + C(n, l) interactions of
//                                    (estimate - truth)^2
//   index_precision_at_k:...,k=K     the share of the truth's K largest |values| among the
//                                    estimate's K largest (K capped at the truth's nonzero count)
//   index_kendall_tau:...            Kendall's tau-b between the two, over all the interactions
// An explainer's output is read as a surrogate of the function, as every metric here reads it, so
// an interaction method of the same index and order (faith_banzhaf for fbii, faith_shap for fsii)
// is compared as it returned its values: the index of a polynomial of degree <= l is itself.
// An index output (MetricInput::estimate_index) is compared as it is where it is the same index of
// the same order, and does not apply otherwise. Exact ground truths only (core/truth_kind.h); l
// above n does not apply.
#include <algorithm>
#include <cmath>

#include "core/interaction_index.h"
#include "core/metric.h"
#include "core/metrics/kendall_tau_b.h"

namespace spexbench {
namespace {

struct IndexConfig {
  InteractionIndex index = InteractionIndex::kFsii;
  int order = 2;
  template <class V>
  void visit(V& v) {
    v("index", index, {.doc = "the interaction index both sides are converted to"});
    v("order", order, {.doc = "its order l", .min = 1, .max = kMaxIndexOrder});
  }
};

struct PrecisionConfig {
  InteractionIndex index = InteractionIndex::kFsii;
  int order = 2;
  int k = 10;
  template <class V>
  void visit(V& v) {
    v("index", index, {.doc = "the interaction index both sides are converted to"});
    v("order", order, {.doc = "its order l", .min = 1, .max = kMaxIndexOrder});
    v("k", k, {.doc = "how many of the largest values are compared", .min = 1});
  }
};

/// The two sides' values on every interaction either side holds (|S| >= 1), and how many
/// interactions of order 1 .. l there are in all.
struct IndexValues {
  std::vector<double> truth, estimate;
  double interactions = 0;
};

std::optional<IndexValues> index_values(const MetricInput& input, InteractionIndex index,
                                        int order) {
  const SparsePolynomial* truth = input.exact_truth();
  if (truth == nullptr) return std::nullopt;
  const int n = truth->num_features();
  const int l = index_order(index, order);
  if (l > n) return std::nullopt;
  const SparsePolynomial x = interaction_index(*truth, index, order);
  if (!input.estimate_index.empty() && (parse_index(input.estimate_index) != index ||
                                        index_order(index, input.estimate_index_order) != l))
    return std::nullopt;
  const SparsePolynomial y = input.estimate_index.empty()
                                 ? interaction_index(input.estimate, index, order)
                                 : input.estimate.to_basis(Basis::kMobius);
  IndexValues out;
  double choose = 1;
  for (int j = 1; j <= l; ++j) {
    choose = choose * (n - j + 1) / j;
    out.interactions += choose;
  }
  const TermIndex in_estimate(y);
  for (std::size_t t = 0; t < x.size(); ++t) {
    if (x.degree(t) == 0) continue;
    out.truth.push_back(x.coef(t));
    const auto e = in_estimate.find(x.term(t));
    out.estimate.push_back(e ? y.coef(*e) : 0.0);
  }
  const TermIndex in_truth(x);
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (y.degree(t) == 0 || in_truth.find(y.term(t))) continue;
    out.truth.push_back(0.0);
    out.estimate.push_back(y.coef(t));
  }
  return out;
}

class IndexMse final : public ConfiguredPlugin<Metric, IndexConfig> {
 public:
  explicit IndexMse(IndexConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const auto values = index_values(input, config_.index, config_.order);
    if (!values) return std::nullopt;
    double squared = 0;
    for (std::size_t i = 0; i < values->truth.size(); ++i)
      squared +=
          (values->estimate[i] - values->truth[i]) * (values->estimate[i] - values->truth[i]);
    return squared / values->interactions;
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return false; }
  bool reads_index_values() const override { return true; }
};

class IndexPrecisionAtK final : public ConfiguredPlugin<Metric, PrecisionConfig> {
 public:
  explicit IndexPrecisionAtK(PrecisionConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const auto values = index_values(input, config_.index, config_.order);
    if (!values) return std::nullopt;
    const auto top = [&](const std::vector<double>& v, std::size_t k) {
      std::vector<std::size_t> order;
      for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] != 0) order.push_back(i);
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::abs(v[a]) > std::abs(v[b]);
      });
      order.resize(std::min(k, order.size()));
      std::sort(order.begin(), order.end());
      return order;
    };
    const std::vector<std::size_t> truth = top(values->truth, static_cast<std::size_t>(config_.k));
    if (truth.empty()) return std::nullopt;
    const std::vector<std::size_t> estimate = top(values->estimate, truth.size());
    std::vector<std::size_t> both;
    std::set_intersection(truth.begin(), truth.end(), estimate.begin(), estimate.end(),
                          std::back_inserter(both));
    return static_cast<double>(both.size()) / static_cast<double>(truth.size());
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
  bool reads_index_values() const override { return true; }
};

class IndexKendallTau final : public ConfiguredPlugin<Metric, IndexConfig> {
 public:
  explicit IndexKendallTau(IndexConfig config) : ConfiguredPlugin(std::move(config)) {}
  std::optional<double> compute(const MetricInput& input) const override {
    const auto values = index_values(input, config_.index, config_.order);
    if (!values) return std::nullopt;
    return kendall_tau_b(values->truth, values->estimate,
                         values->interactions - static_cast<double>(values->truth.size()));
  }
  int version() const override { return 1; }
  bool higher_is_better() const override { return true; }
  bool reads_index_values() const override { return true; }
};

}  // namespace

SPEXBENCH_REGISTER(Metric, IndexMse, IndexConfig, "index_mse",
                   "mean squared error of an interaction index's values against the truth's");
SPEXBENCH_REGISTER(Metric, IndexPrecisionAtK, PrecisionConfig, "index_precision_at_k",
                   "share of the truth's k largest index values among the estimate's k largest");
SPEXBENCH_REGISTER(
    Metric, IndexKendallTau, IndexConfig, "index_kendall_tau",
    "Kendall tau-b between the truth's and the estimate's index values, all of them");

}  // namespace spexbench
