// exact_index: an interaction index computed exactly, for ground truth on small problems.
//
// Queries all 2^n masks (n <= 20), takes the Möbius transform of the table (core/transforms.h)
// and applies the closed form of the requested index (core/interaction_index.h): Shapley or
// Banzhaf values, SII, BII, STII, FSII, FBII or k-SII of the given order. Output: the index values
// as a Möbius-basis polynomial over all S with |S| <= order, the surrogate the papers score.
// Queries: exactly 2^n.
#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/interaction_index.h"
#include "core/transforms.h"

namespace spexbench::baselines {
namespace {

constexpr int kMaxFeatures = 20;

struct ExactIndexConfig {
  InteractionIndex index = InteractionIndex::kShapley;
  int order = 1;
  template <class V>
  void visit(V& v) {
    v("index", index, {.doc = "the index to compute"});
    v("order", order,
      {.doc = "interaction order (1 for shapley and banzhaf)", .min = 1, .max = kMaxFeatures});
  }
};

class ExactIndex final : public ConfiguredPlugin<Explainer, ExactIndexConfig> {
 public:
  explicit ExactIndex(ExactIndexConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    if (n > kMaxFeatures)
      return str_cat("n=", n, " exceeds the exact-index limit of ", kMaxFeatures);
    if (index_order(config_.index, config_.order) > n)
      return str_cat("order=", config_.order, " exceeds n=", n);
    return budget_below(budget, std::int64_t{1} << n, "all 2^n masks");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext&) override {
    const int n = oracle.num_features();
    std::vector<double> table = oracle.query(enumerate_masks(n, 0, std::size_t{1} << n));
    mobius(table);
    return interaction_index(SparsePolynomial::from_table(n, Basis::kMobius, table), config_.index,
                             config_.order);
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, ExactIndex, ExactIndexConfig, "exact_index",
                   "an interaction index (Shapley ... k-SII) computed exactly from all 2^n masks");

}  // namespace spexbench::baselines
