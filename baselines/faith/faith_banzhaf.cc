// faith_banzhaf: the Faith-Banzhaf interaction index of order l (Tsai, Yeh, Ravikumar,
// "Faith-Shap: The Faithful Shapley Interaction Index", JMLR 2023): the polynomial of degree <= l
// closest to f in unweighted least squares over {0,1}^n.
//
// Estimator (the SPEX experiments'): regression of f on the Möbius features prod_{i in S} x_i,
// |S| <= l, over uniform masks, with RidgeCV (no intercept, alphas 0.1, 1, 10; docs/spex.md,
// "Baselines as the experiments ran them") or, with regularization=none, ordinary least squares,
// which on the full 2^n design is the exact FBII. Queries: the budget, as uniform masks (every mask
// once when 2^n <= budget); minimum: the number of coefficients, sum_{k <= l} C(n, k). Not run
// where the published rule says so.
#include <array>

#include "baselines/common/infeasibility.h"
#include "baselines/common/uniform_design.h"
#include "core/explainer.h"
#include "core/regression/design.h"
#include "core/regression/least_squares.h"

namespace spexbench::baselines {
namespace {

enum class Regularization { kRidgeCv, kNone };
constexpr auto enum_names(Regularization) {
  return std::array{EnumName{Regularization::kRidgeCv, "ridge_cv"},
                    EnumName{Regularization::kNone, "none"}};
}

struct FaithBanzhafConfig {
  int order = 2;
  Regularization regularization = Regularization::kRidgeCv;
  template <class V>
  void visit(V& v) {
    v("order", order, {.doc = "interaction order l", .min = 1, .max = 4});
    v("regularization", regularization,
      {.doc = "ridge_cv: RidgeCV as the SPEX experiments; none: least squares"});
  }
};

class FaithBanzhaf final : public ConfiguredPlugin<Explainer, FaithBanzhafConfig> {
 public:
  explicit FaithBanzhaf(FaithBanzhafConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    return polynomial_fit_infeasible(config_.order, n, budget);
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "faith_banzhaf"));
    const MaskBatch masks = uniform_design(n, ctx.budget, rng, true);
    const std::vector<double> values = oracle.query(masks);
    const TermList terms = sets_up_to(n, config_.order);
    const Eigen::MatrixXd x = mobius_design(masks, terms);
    const Eigen::Map<const Eigen::VectorXd> y(values.data(),
                                              static_cast<Eigen::Index>(values.size()));
    const LinearFit fit = config_.regularization == Regularization::kNone
                              ? ridge(x, y, Eigen::VectorXd::Ones(y.size()), 0.0, false)
                              : ridge_cv(x, y);
    return mobius_polynomial(n, terms, fit.coef);
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, FaithBanzhaf, FaithBanzhafConfig, "faith_banzhaf",
                   "Faith-Banzhaf interaction index of order l by regression on uniform masks");

}  // namespace spexbench::baselines
