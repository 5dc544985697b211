#include <gtest/gtest.h>

#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::dense_task;
using test::max_difference;
using test::run_baseline;

TEST(Banzhaf, MsrOnTheFullDesignIsExact) {
  const CellResult cell = run_baseline(dense_task(9), "banzhaf", 512);
  const SparsePolynomial exact =
      interaction_index(*cell.ground_truth, InteractionIndex::kBanzhaf, 1);
  // Exact values for singletons; the intercept is the mean-matching one, not FBII's.
  const SparsePolynomial estimate = cell.estimate->to_basis(Basis::kMobius);
  for (std::uint32_t i = 0; i < 9; ++i) {
    const std::vector<std::uint32_t> single = {i};
    EXPECT_NEAR(estimate.find(single).value_or(0), exact.find(single).value_or(0), 1e-12);
  }
}

TEST(Banzhaf, RegressionIsFaithBanzhafOfOrderOne) {
  const CellResult cell =
      run_baseline("synthetic.sparse_fourier:n=30,s=20,d=1", "banzhaf:method=regression", 3000);
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
}

TEST(Banzhaf, MsrIsUnbiasedOnSamples) {
  double mean_error = 0;
  const int seeds = 20;
  for (int seed = 0; seed < seeds; ++seed) {
    const CellResult cell = run_baseline("synthetic.sparse_fourier:n=20,s=10,d=1", "banzhaf", 400,
                                         static_cast<std::uint64_t>(seed));
    const SparsePolynomial exact =
        interaction_index(*cell.ground_truth, InteractionIndex::kBanzhaf, 1);
    const SparsePolynomial estimate = cell.estimate->to_basis(Basis::kMobius);
    const std::vector<std::uint32_t> zero = {0};
    mean_error += (estimate.find(zero).value_or(0) - exact.find(zero).value_or(0)) / seeds;
  }
  EXPECT_LT(std::abs(mean_error), 0.1);
}

}  // namespace
}  // namespace spexbench
