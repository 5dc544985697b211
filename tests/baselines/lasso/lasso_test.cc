#include <gtest/gtest.h>

#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::run_baseline;

TEST(Lasso, RecoversASparseLinearFunctionWithItsIntercept) {
  const CellResult cell = run_baseline("synthetic.sparse_fourier:n=100,s=6,d=1", "lasso", 2000);
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_recall")->value, 1.0);
}

TEST(Lasso, BudgetBelowTheFoldCountIsInfeasible) {
  const CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=10,s=3,d=1",
                                    .explainer = "lasso",
                                    .budget = 4,
                                    .seed = 0});
  EXPECT_EQ(cell.status, CellStatus::kInfeasible);
  EXPECT_NE(cell.error.find("below the minimum of 5"), std::string::npos) << cell.error;
}

}  // namespace
}  // namespace spexbench
