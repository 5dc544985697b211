// lime: LIME (Ribeiro, Singh, Guestrin, "Why Should I Trust You?", KDD 2016) as the SPEX
// experiments ran it (docs/spex.md, "Baselines as the experiments ran them"): lime_tabular over n
// binary categorical features, explaining the all-kept instance.
//
// Samples: the instance itself (every component kept) and budget - 1 masks with i.i.d. uniform
// bits (lime_tabular draws each categorical feature from its training frequencies, here 1/2 each).
// Weights: the exponential kernel sqrt(exp(-d^2 / width^2)) on the cosine distance d between a
// mask and the all-ones instance (a zero mask is at distance 1), width 25 by default.
// Feature selection as LIME's default ('auto'): all features when `features` is 0 or >= n (the
// SPEX setting, num_features = n); forward selection when features <= 6; else the features with
// the highest weights in a weighted Ridge(alpha=0.01).
// Model: weighted Ridge(alpha=1) with intercept (LIME's default model_regressor).
// Output: Möbius surrogate intercept + sum_{selected i} w_i x_i. Queries: the budget; minimum 2.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/regression/least_squares.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct LimeConfig {
  double kernel_width = 25;
  int features = 0;
  template <class V>
  void visit(V& v) {
    v("kernel_width", kernel_width, {.doc = "width of the exponential kernel", .min = 1e-9});
    v("features", features, {.doc = "features kept by LIME's selection; 0 means all", .min = 0});
  }
};

/// LIME's forward_selection: greedily add the feature whose Ridge(alpha=0) fit has the best
/// weighted R^2, `count` times.
std::vector<int> forward_selection(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                   const Eigen::VectorXd& w, int count) {
  std::vector<int> chosen;
  const double total = w.sum();
  const double y_mean = w.dot(y) / total;
  const double ss_total = w.dot((y.array() - y_mean).square().matrix());
  for (int step = 0; step < count; ++step) {
    int best = -1;
    double best_score = -INFINITY;
    for (int j = 0; j < x.cols(); ++j) {
      if (std::find(chosen.begin(), chosen.end(), j) != chosen.end()) continue;
      std::vector<int> trial = chosen;
      trial.push_back(j);
      Eigen::MatrixXd sub(x.rows(), static_cast<Eigen::Index>(trial.size()));
      for (std::size_t c = 0; c < trial.size(); ++c)
        sub.col(static_cast<Eigen::Index>(c)) = x.col(trial[c]);
      const LinearFit fit = ridge(sub, y, w, 0.0, true);
      const Eigen::VectorXd residual = y - (sub * fit.coef).array().matrix() -
                                       Eigen::VectorXd::Constant(y.size(), fit.intercept);
      const double score = ss_total > 0 ? 1 - w.dot(residual.cwiseProduct(residual)) / ss_total : 0;
      if (score > best_score) {
        best_score = score;
        best = j;
      }
    }
    chosen.push_back(best);
  }
  return chosen;
}

/// LIME's highest_weights: the `count` features with the largest |coef| in a weighted
/// Ridge(alpha=0.01) on all features.
std::vector<int> highest_weights(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                 const Eigen::VectorXd& w, int count) {
  const LinearFit fit = ridge(x, y, w, 0.01, true);
  std::vector<int> order(static_cast<std::size_t>(x.cols()));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return std::abs(fit.coef(a)) > std::abs(fit.coef(b)); });
  order.resize(static_cast<std::size_t>(count));
  std::sort(order.begin(), order.end());
  return order;
}

class Lime final : public ConfiguredPlugin<Explainer, LimeConfig> {
 public:
  explicit Lime(LimeConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    (void)n;
    return budget_below(budget, 2, "the instance and at least one perturbation");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "lime"));
    MaskBatch masks = uniform_masks(static_cast<std::size_t>(ctx.budget), n, rng);
    for (int i = 0; i < n; ++i) masks.set(0, i, true);  // row 0: the instance
    const std::vector<double> values = oracle.query(masks);

    const auto rows = static_cast<Eigen::Index>(masks.rows());
    Eigen::MatrixXd x(rows, n);
    Eigen::VectorXd weights(rows);
    for (Eigen::Index r = 0; r < rows; ++r) {
      const int kept = masks.count_kept(static_cast<std::size_t>(r));
      for (int i = 0; i < n; ++i) x(r, i) = masks.get(static_cast<std::size_t>(r), i) ? 1.0 : 0.0;
      // Cosine distance to the all-ones row: 1 - sqrt(kept / n) (1 for the zero mask).
      const double distance = kept == 0 ? 1.0 : 1.0 - std::sqrt(static_cast<double>(kept) / n);
      weights(r) =
          std::sqrt(std::exp(-distance * distance / (config_.kernel_width * config_.kernel_width)));
    }
    const Eigen::Map<const Eigen::VectorXd> y(values.data(), rows);

    std::vector<int> selected(static_cast<std::size_t>(n));
    std::iota(selected.begin(), selected.end(), 0);
    if (config_.features > 0 && config_.features < n) {
      selected = config_.features <= 6 ? forward_selection(x, y, weights, config_.features)
                                       : highest_weights(x, y, weights, config_.features);
      std::sort(selected.begin(), selected.end());
    }
    Eigen::MatrixXd sub(rows, static_cast<Eigen::Index>(selected.size()));
    for (std::size_t c = 0; c < selected.size(); ++c)
      sub.col(static_cast<Eigen::Index>(c)) = x.col(selected[c]);
    const LinearFit fit = ridge(sub, y, weights, 1.0, true);

    SparsePolynomial out(n, Basis::kMobius);
    out.add_term({}, fit.intercept);
    for (std::size_t c = 0; c < selected.size(); ++c) {
      const std::uint32_t single[1] = {static_cast<std::uint32_t>(selected[c])};
      if (fit.coef(static_cast<Eigen::Index>(c)) != 0.0)
        out.add_term(single, fit.coef(static_cast<Eigen::Index>(c)));
    }
    return out;
  }
};

}  // namespace

SPEXBENCH_REGISTER(
    Explainer, Lime, LimeConfig, "lime",
    "LIME: kernel-weighted ridge surrogate on random masks (cosine kernel, width 25)");

}  // namespace spexbench::baselines
