// faith_shap: the Faith-Shap interaction index of order l (Tsai, Yeh, Ravikumar, JMLR 2023): the
// polynomial of degree <= l closest to f in Shapley-kernel weighted least squares, matching f(∅)
// and f(N) exactly. Order 1 gives the Shapley values.
//
// Estimator: the constrained weighted regression of baselines/common/faith_shap_fit.h on
// Shapley-kernel coalitions (all of them, with exact weights, when 2^n - 2 fit the budget: the
// result is then the exact FSII; otherwise paired kernel sampling).
// Queries: f(∅), f(N) and at most budget - 2 coalitions; minimum: the number of coefficients
// sum_{k <= l} C(n, k). Not run where the published rule says so.
#include "baselines/common/endpoints.h"
#include "baselines/common/faith_shap_fit.h"
#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/regression/design.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct FaithShapConfig {
  int order = 2;
  template <class V>
  void visit(V& v) {
    v("order", order, {.doc = "interaction order l", .min = 1, .max = 4});
  }
};

class FaithShap final : public ConfiguredPlugin<Explainer, FaithShapConfig> {
 public:
  explicit FaithShap(FaithShapConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    return polynomial_fit_infeasible(config_.order, n, budget);
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    const Endpoints ends = query_endpoints(oracle);
    Rng rng(derive_seed(ctx.seed, "faith_shap"));
    const WeightedCoalitions coalitions = shapley_kernel_coalitions(n, ctx.budget - 2, rng);
    const std::vector<double> values = oracle.query(coalitions.masks);
    return faith_shap_fit(config_.order, coalitions, values, ends.empty, ends.full);
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, FaithShap, FaithShapConfig, "faith_shap",
                   "Faith-Shap interaction index of order l by Shapley-kernel regression");

}  // namespace spexbench::baselines
