// lasso: the ProxySPEX paper's marginal baseline (Butler et al., NeurIPS 2025, §4.1): LASSO of f
// on the n component indicators over uniform masks, the penalty chosen by 5-fold
// cross-validation (scikit-learn LassoCV defaults: 100 alphas down to 1e-3 alpha_max, contiguous
// folds, intercept fitted; core/regression/lasso.h).
// Queries: the budget, as uniform masks; minimum: the number of folds.
// Output: Möbius surrogate intercept + sum_i w_i x_i.
#include "core/regression/lasso.h"

#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/regression/gram.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct LassoConfig {
  int folds = 5;
  int alphas = 100;
  template <class V>
  void visit(V& v) {
    v("folds", folds, {.doc = "cross-validation folds", .min = 2, .max = 100});
    v("alphas", alphas, {.doc = "penalties on the path", .min = 1, .max = 10000});
  }
};

class Lasso final : public ConfiguredPlugin<Explainer, LassoConfig> {
 public:
  explicit Lasso(LassoConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    (void)n;
    return budget_below(budget, config_.folds, "one row per cross-validation fold");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "lasso"));
    const MaskBatch masks = uniform_masks(static_cast<std::size_t>(ctx.budget), n, rng);
    const std::vector<double> values = oracle.query(masks);
    Eigen::MatrixXd x(static_cast<Eigen::Index>(masks.rows()), n);
    for (std::size_t r = 0; r < masks.rows(); ++r)
      for (int i = 0; i < n; ++i) x(static_cast<Eigen::Index>(r), i) = masks.get(r, i) ? 1.0 : 0.0;
    const std::vector<std::int64_t> bounds =
        kfold_boundaries(static_cast<std::int64_t>(masks.rows()), config_.folds);
    std::vector<GramStats> folds;
    GramStats full = GramStats::zero(n);
    for (int f = 0; f < config_.folds; ++f) {
      folds.push_back(gram_of_rows(x, values, bounds[static_cast<std::size_t>(f)],
                                   bounds[static_cast<std::size_t>(f) + 1]));
      full += folds.back();
    }
    const LassoCvResult fit = lasso_cv(
        full, folds, {.alphas = config_.alphas, .folds = config_.folds, .fit_intercept = true});
    SparsePolynomial out(n, Basis::kMobius);
    out.add_term({}, fit.intercept);
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
      const std::uint32_t single[1] = {i};
      if (fit.coef(i) != 0.0) out.add_term(single, fit.coef(i));
    }
    info_ = {{"alpha", std::to_string(fit.alpha)}};
    return out;
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }

 private:
  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(
    Explainer, Lasso, LassoConfig, "lasso",
    "LASSO on uniform masks, penalty by 5-fold cross-validation (ProxySPEX baseline)");

}  // namespace spexbench::baselines
