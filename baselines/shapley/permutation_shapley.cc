// permutation_shapley: Monte Carlo Shapley values by permutation sampling (Castro, Gomez, Tejada,
// "Polynomial calculation of the Shapley value based on sampling", Computers & OR 2009).
//
// Estimator: phi_i = mean over random permutations pi of f(Pre_pi(i) ∪ {i}) - f(Pre_pi(i)), the
// marginal contribution of i to its predecessors. Each permutation walks its n + 1 prefixes; the
// empty and full prefixes are shared, so a permutation costs n - 1 queries. Error falls as
// 1 / sqrt(permutations).
// Queries: 2 + m (n - 1) for m = floor((budget - 2) / (n - 1)) permutations; minimum n + 1.
// Output: Möbius surrogate f(∅) + sum_i phi_i x_i.
#include <numeric>

#include "baselines/common/endpoints.h"
#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct PermutationShapleyConfig {
  template <class V>
  void visit(V&) {}
};

class PermutationShapley final : public ConfiguredPlugin<Explainer, PermutationShapleyConfig> {
 public:
  explicit PermutationShapley(PermutationShapleyConfig config)
      : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    return budget_below(budget, n + 1, "f(∅), f(N) and one permutation's n - 1 prefixes");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    const Endpoints ends = query_endpoints(oracle);
    const std::int64_t permutations = n == 1 ? 1 : (ctx.budget - 2) / (n - 1);
    Rng rng(derive_seed(ctx.seed, "permutation_shapley"));
    std::vector<std::vector<std::uint32_t>> orders(static_cast<std::size_t>(permutations));
    MaskBatch prefixes(static_cast<std::size_t>(permutations) * static_cast<std::size_t>(n - 1), n);
    for (std::int64_t p = 0; p < permutations; ++p) {
      auto& order = orders[static_cast<std::size_t>(p)];
      order = rng.sample_without_replacement(static_cast<std::uint32_t>(n),
                                             static_cast<std::uint32_t>(n));
      // Row k of this permutation keeps its first k + 1 elements, k = 0..n-2.
      for (int k = 0; k + 1 < n; ++k) {
        const std::size_t row = static_cast<std::size_t>(p) * static_cast<std::size_t>(n - 1) +
                                static_cast<std::size_t>(k);
        if (k > 0)
          std::copy_n(prefixes.row(row - 1).begin(), prefixes.words_per_row(),
                      prefixes.row(row).begin());
        prefixes.set(row, static_cast<int>(order[static_cast<std::size_t>(k)]), true);
      }
    }
    const std::vector<double> values = oracle.query(prefixes);
    std::vector<double> phi(static_cast<std::size_t>(n), 0.0);
    for (std::int64_t p = 0; p < permutations; ++p) {
      double previous = ends.empty;
      for (int k = 0; k < n; ++k) {
        const double current =
            k + 1 == n ? ends.full
                       : values[static_cast<std::size_t>(p) * static_cast<std::size_t>(n - 1) +
                                static_cast<std::size_t>(k)];
        phi[orders[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)]] += current - previous;
        previous = current;
      }
    }
    SparsePolynomial out(n, Basis::kMobius);
    out.add_term({}, ends.empty);
    for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(n); ++i) {
      const std::uint32_t single[1] = {i};
      out.add_term(single, phi[i] / static_cast<double>(permutations));
    }
    return out;
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, PermutationShapley, PermutationShapleyConfig, "permutation_shapley",
                   "Shapley values by permutation sampling of marginal contributions");

}  // namespace spexbench::baselines
