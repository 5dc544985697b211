#include <gtest/gtest.h>

#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::dense_task;
using test::max_difference;
using test::run_baseline;

TEST(ExactIndex, EveryIndexMatchesTheClosedFormOfTheGroundTruth) {
  for (const char* index : {"shapley", "banzhaf", "sii", "bii", "stii", "fsii", "fbii"}) {
    const CellResult cell =
        run_baseline(dense_task(8), std::string("exact_index:index=") + index + ",order=3", 256);
    const SparsePolynomial exact = interaction_index(*cell.ground_truth, parse_index(index), 3);
    EXPECT_LT(max_difference(*cell.estimate, exact), 1e-10) << index;
  }
  const CellResult shapley = run_baseline(dense_task(8), "exact_index", 256);
  EXPECT_LT(shapley.metric("sv_max_error")->value, 1e-12);
}

TEST(ExactIndex, RefusesLargeN) {
  const CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=21,s=3,d=1",
                                    .explainer = "exact_index",
                                    .budget = 1 << 22,
                                    .seed = 0});
  EXPECT_EQ(cell.status, CellStatus::kInfeasible);
  EXPECT_NE(cell.error.find("n=21 exceeds the exact-index limit of 20"), std::string::npos);
}

}  // namespace
}  // namespace spexbench
