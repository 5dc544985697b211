// kernel_shap: KernelSHAP (Lundberg & Lee, "A Unified Approach to Interpreting Model
// Predictions", NeurIPS 2017).
//
// Estimator: the Shapley values as the solution of the Shapley-kernel weighted regression of f on
// the coalitions' indicator vectors, with phi_0 = f(∅) and the exact efficiency constraint
// sum_i phi_i = f(N) - f(∅) (baselines/common/faith_shap_fit.h, order 1). Coalitions: all of them
// when 2^n - 2 fit the budget (the result is then exact), else paired kernel sampling
// (baselines/common/shapley_kernel_design.h).
// Queries: f(∅), f(N) and at most budget - 2 distinct coalitions; minimum n + 1.
// Output: Möbius surrogate f(∅) + sum_i phi_i x_i.
#include "baselines/common/endpoints.h"
#include "baselines/common/faith_shap_fit.h"
#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct KernelShapConfig {
  template <class V>
  void visit(V&) {}
};

class KernelShap final : public ConfiguredPlugin<Explainer, KernelShapConfig> {
 public:
  explicit KernelShap(KernelShapConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    return budget_below(budget, n + 1, "f(∅), f(N) and n - 1 coalitions to determine n values");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    const Endpoints ends = query_endpoints(oracle);
    Rng rng(derive_seed(ctx.seed, "kernel_shap"));
    const WeightedCoalitions coalitions = shapley_kernel_coalitions(n, ctx.budget - 2, rng);
    const std::vector<double> values = oracle.query(coalitions.masks);
    return faith_shap_fit(1, coalitions, values, ends.empty, ends.full);
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, KernelShap, KernelShapConfig, "kernel_shap",
                   "KernelSHAP: Shapley-kernel weighted regression with exact efficiency");

}  // namespace spexbench::baselines
