#include <gtest/gtest.h>

#include <cmath>

#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::dense_task;
using test::run_baseline;

TEST(KernelShap, WithTheFullBudgetMatchesExactShapleyValues) {
  // Issue figure: budget 2^n at n = 10, error below 1e-6.
  const CellResult cell = run_baseline(dense_task(10), "kernel_shap", 1024);
  EXPECT_EQ(cell.counts.total, 1024);
  EXPECT_LT(cell.metric("sv_max_error")->value, 1e-6);
}

TEST(KernelShap, SampledEstimateIsEfficientAndConverges) {
  const CellResult small = run_baseline(dense_task(12), "kernel_shap", 300, 1);
  const CellResult large = run_baseline(dense_task(12), "kernel_shap", 3000, 1);
  EXPECT_LT(large.metric("sv_mse")->value, small.metric("sv_mse")->value);
  // Exact efficiency: f(∅) + sum phi_i = f(N) whatever the sample.
  const SparsePolynomial& f = *large.ground_truth;
  MaskBatch full(1, 12);
  for (int i = 0; i < 12; ++i) full.set(0, i, true);
  double surrogate_full = 0;
  for (const double c : large.estimate->coefs()) surrogate_full += c;
  EXPECT_NEAR(surrogate_full, f.evaluate(full)[0], 1e-9);
}

TEST(PermutationShapley, IsExactOnAdditiveFunctionsAndSpendsWholePermutations) {
  const CellResult cell =
      run_baseline("synthetic.sparse_fourier:n=20,s=12,d=1", "permutation_shapley", 100);
  EXPECT_EQ(cell.counts.total, 2 + 5 * 19);  // five permutations of 19 new prefixes
  EXPECT_LT(cell.metric("sv_max_error")->value, 1e-12);
}

TEST(PermutationShapley, ErrorFallsAsOneOverSquareRootOfTheBudget) {
  // Root-mean-square error over seeds at four budgets; slope of log error against log budget.
  const std::int64_t budgets[] = {200, 800, 3200, 12800};
  std::vector<double> log_budget, log_error;
  for (const std::int64_t budget : budgets) {
    double mse = 0;
    const int seeds = 24;
    for (int seed = 0; seed < seeds; ++seed)
      mse += run_baseline(dense_task(9), "permutation_shapley", budget,
                          static_cast<std::uint64_t>(seed))
                 .metric("sv_mse")
                 ->value /
             seeds;
    log_budget.push_back(std::log(static_cast<double>(budget)));
    log_error.push_back(0.5 * std::log(mse));
  }
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < 4; ++i) mx += log_budget[i] / 4, my += log_error[i] / 4;
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    sxy += (log_budget[i] - mx) * (log_error[i] - my);
    sxx += (log_budget[i] - mx) * (log_budget[i] - mx);
  }
  const double slope = sxy / sxx;
  RecordProperty("slope", std::to_string(slope));
  EXPECT_NEAR(slope, -0.5, 0.12) << "fitted slope " << slope;
}

}  // namespace
}  // namespace spexbench
