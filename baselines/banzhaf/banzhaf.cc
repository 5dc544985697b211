// banzhaf: Banzhaf values, by one of two estimators.
//
//   method=msr (default): Maximum Sample Reuse (Wang & Jia, "Data Banzhaf", AISTATS 2023): on
//     uniform masks, beta_i = mean{f(x) : x_i = 1} - mean{f(x) : x_i = 0}; every query informs
//     every component. Output f_hat = c + sum_i beta_i x_i with c = mean f - sum_i beta_i / 2, the
//     linear function with the same mean under uniform masks.
//   method=regression: Faith-Banzhaf of order 1 (Tsai et al. 2023), the SPEX experiments'
//     "Banzhaf": RidgeCV (no intercept column penalised apart, alphas 0.1, 1, 10) of f on
//     (1, x_1..x_n) over uniform masks; its coefficients are the FBII of order 1 = Banzhaf values.
// Queries: the budget, as uniform masks (every mask once when 2^n <= budget). Minimum 2.
#include <array>

#include "baselines/common/infeasibility.h"
#include "baselines/common/uniform_design.h"
#include "core/explainer.h"
#include "core/regression/design.h"
#include "core/regression/least_squares.h"

namespace spexbench::baselines {
namespace {

enum class Method { kMsr, kRegression };
constexpr auto enum_names(Method) {
  return std::array{EnumName{Method::kMsr, "msr"}, EnumName{Method::kRegression, "regression"}};
}

struct BanzhafConfig {
  Method method = Method::kMsr;
  template <class V>
  void visit(V& v) {
    v("method", method,
      {.doc = "msr: maximum sample reuse; regression: Faith-Banzhaf order 1 (RidgeCV)"});
  }
};

class Banzhaf final : public ConfiguredPlugin<Explainer, BanzhafConfig> {
 public:
  explicit Banzhaf(BanzhafConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    (void)n;
    return budget_below(budget, 2, "a mask with and one without each component, at best");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    Rng rng(derive_seed(ctx.seed, "banzhaf"));
    const MaskBatch masks = uniform_design(n, ctx.budget, rng, true);
    const std::vector<double> values = oracle.query(masks);
    SparsePolynomial out(n, Basis::kMobius);
    if (config_.method == Method::kRegression) {
      const TermList terms = sets_up_to(n, 1);
      const LinearFit fit = ridge_cv(mobius_design(masks, terms),
                                     Eigen::Map<const Eigen::VectorXd>(
                                         values.data(), static_cast<Eigen::Index>(values.size())));
      return mobius_polynomial(n, terms, fit.coef);
    }
    std::vector<double> with(static_cast<std::size_t>(n), 0.0),
        without(static_cast<std::size_t>(n), 0.0);
    std::vector<std::int64_t> with_count(static_cast<std::size_t>(n), 0);
    double mean = 0;
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      mean += values[r];
      for (int i = 0; i < n; ++i) {
        if (masks.get(r, i)) {
          with[static_cast<std::size_t>(i)] += values[r];
          ++with_count[static_cast<std::size_t>(i)];
        } else {
          without[static_cast<std::size_t>(i)] += values[r];
        }
      }
    }
    const auto rows = static_cast<std::int64_t>(masks.rows());
    mean /= static_cast<double>(rows);
    double shift = 0;
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
      const std::int64_t in = with_count[i], out_count = rows - in;
      // A component never (or always) kept in the sample has no estimate: 0.
      const double beta = in > 0 && out_count > 0 ? with[i] / static_cast<double>(in) -
                                                        without[i] / static_cast<double>(out_count)
                                                  : 0.0;
      shift += beta / 2;
      const std::uint32_t single[1] = {i};
      out.add_term(single, beta);
    }
    out.add_term({}, mean - shift);
    return out;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, Banzhaf, BanzhafConfig, "banzhaf",
                   "Banzhaf values by maximum sample reuse or Faith-Banzhaf order-1 regression");

}  // namespace spexbench::baselines
