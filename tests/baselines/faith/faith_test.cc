#include <gtest/gtest.h>

#include "core/explainer.h"
#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::dense_task;
using test::max_difference;
using test::run_baseline;

TEST(FaithBanzhaf, FullDesignEqualsExactFbiiForEveryOrder) {
  for (int order = 1; order <= 4; ++order) {
    const CellResult cell =
        run_baseline(dense_task(9),
                     "faith_banzhaf:order=" + std::to_string(order) + ",regularization=none", 512);
    const SparsePolynomial exact =
        interaction_index(*cell.ground_truth, InteractionIndex::kFbii, order);
    EXPECT_LT(max_difference(*cell.estimate, exact), 1e-8) << "order " << order;
  }
}

TEST(FaithBanzhaf, RidgeCvShrinksSlightlyAndStillFits) {
  const CellResult cell =
      run_baseline("synthetic.sparse_fourier:n=12,s=10,d=2", "faith_banzhaf:order=2", 2000);
  EXPECT_GT(cell.metric("r2")->value, 0.999);
}

TEST(FaithShap, FullDesignEqualsExactFsii) {
  for (int order = 1; order <= 3; ++order) {
    const CellResult cell =
        run_baseline(dense_task(8), "faith_shap:order=" + std::to_string(order), 256);
    const SparsePolynomial exact =
        interaction_index(*cell.ground_truth, InteractionIndex::kFsii, order);
    EXPECT_LT(max_difference(*cell.estimate, exact), 1e-8) << "order " << order;
  }
}

TEST(ShapleyTaylor, IsExactOnFunctionsOfDegreeAtMostTheOrder) {
  // delta_S f(T) = a(S) for every T when f has degree <= l = |S|, so any permutation is exact.
  const CellResult cell =
      run_baseline("synthetic.soum:n=10,s=15,d=2", "shapley_taylor:order=2", 2000);
  const SparsePolynomial exact = interaction_index(*cell.ground_truth, InteractionIndex::kStii, 2);
  EXPECT_LT(max_difference(*cell.estimate, exact), 1e-10);
}

TEST(ShapleyTaylor, ConvergesToExactStiiOnADenseFunction) {
  // At n = 7 a budget of 2^7 caches every set; the permutations that follow are free, so the
  // remaining error is Monte Carlo error over about two thousand permutations.
  const CellResult cell = run_baseline(dense_task(7), "shapley_taylor:order=2", 128, 3);
  const SparsePolynomial exact = interaction_index(*cell.ground_truth, InteractionIndex::kStii, 2);
  double scale = 0;
  for (const double c : exact.coefs()) scale = std::max(scale, std::abs(c));
  EXPECT_LT(max_difference(*cell.estimate, exact), 0.1 * scale);
}

TEST(InteractionBaselines, PublishedInfeasibilityRulesAreApplied) {
  const struct {
    const char* spec;
    int n;
    bool infeasible;
  } cases[] = {{"faith_shap:order=2", 64, true},     {"faith_shap:order=2", 63, false},
               {"faith_banzhaf:order=3", 32, true},  {"faith_banzhaf:order=3", 31, false},
               {"shapley_taylor:order=4", 16, true}, {"shapley_taylor:order=4", 15, false},
               {"faith_shap:order=1", 1000, false}};
  for (const auto& c : cases) {
    const auto explainer = ExplainerRegistry::global().create(c.spec);
    const auto reason = explainer->infeasible(c.n, std::int64_t{1} << 40);
    EXPECT_EQ(reason.has_value(), c.infeasible) << c.spec << " n=" << c.n;
    if (reason && c.infeasible) {
      EXPECT_NE(reason->find("published rule"), std::string::npos);
    }
  }
  const auto faith = ExplainerRegistry::global().create("faith_shap:order=2");
  EXPECT_NE(faith->infeasible(10, 20)->find("below the minimum of 56"), std::string::npos);
  EXPECT_NE(faith->infeasible(1, 100)->find("order=2 exceeds n=1"), std::string::npos);
}

}  // namespace
}  // namespace spexbench
