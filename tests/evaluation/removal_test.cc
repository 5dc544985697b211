#include "evaluation/removal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/cell.h"
#include "core/error.h"
#include "core/metric.h"
#include "core/rng.h"
#include "core/task.h"
#include "tests/core/brute_force.h"

namespace spexbench {
namespace {

double change(const SparsePolynomial& f, const MaskBatch& mask) {
  MaskBatch full(1, f.num_features());
  for (int i = 0; i < f.num_features(); ++i) full.set(0, i, true);
  return std::abs(f.evaluate(full)[0] - f.evaluate(mask)[0]);
}

TEST(Removal, MilpFindsTheSameOptimumAsEnumeration) {
  for (const std::uint64_t seed : {1, 2, 3}) {
    const SparsePolynomial f = test::random_polynomial(14, 25, 3, Basis::kFourier, seed);
    for (const int r : {2, 4}) {
      const MaskBatch enumerated = most_influential_removal(f, r);
      const MaskBatch milp = most_influential_removal(f, r, /*enumeration_limit=*/0);
      EXPECT_EQ(milp.count_kept(0), 14 - r);
      EXPECT_NEAR(change(f, milp), change(f, enumerated), 1e-9) << "seed " << seed << " r " << r;
    }
  }
}

TEST(Removal, RemovesThePlantedInteractionFirst) {
  // f = 10 x0 x1 x2 + 0.1 x3 (Möbius): removing any of 0..2 drops the output by 10.
  SparsePolynomial f(30, Basis::kMobius);
  f.add_term({0, 1, 2}, 10.0);
  f.add_term({3}, 0.1);
  const MaskBatch mask = most_influential_removal(f, 1, 0);
  EXPECT_FALSE(mask.get(0, 0) && mask.get(0, 1) && mask.get(0, 2));
}

TEST(Removal, RunsInsideTheCellAndCountsItsQueriesApart) {
  CellSpec spec{
      .task = "synthetic.soum:n=20,s=10,d=3", .explainer = "spex", .budget = 20000, .seed = 1};
  const CellResult plain = run_cell(spec);
  spec.evaluations = {removal_spec(3, 7)};
  const CellResult cell = run_cell(spec);
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  for (int r = 3; r <= 7; ++r) ASSERT_NE(cell.metric("rem_" + std::to_string(r)), nullptr) << r;
  EXPECT_EQ(plain.metric("rem_3"), nullptr);
  EXPECT_EQ(cell.id, plain.id) << "an evaluation adds metrics, not a new cell";
  EXPECT_EQ(cell.counts.total, plain.counts.total) << "the explainer's counts are its own";
  EXPECT_EQ(cell.evaluation_queries, 6);  // f(1) and one mask per r
  EXPECT_EQ(plain.evaluation_queries, 0);
  EXPECT_EQ(cell.explainer_info, plain.explainer_info);
  EXPECT_TRUE(metric_higher_is_better("rem_5"));
}

TEST(Removal, ABadRangeIsAnErrorBeforeTheCellRuns) {
  try {
    (void)run_cell({.task = "synthetic.soum:n=20,s=10,d=3",
                    .explainer = "spex",
                    .budget = 20000,
                    .evaluations = {"removal:r_min=5,r_max=3"}});
    FAIL() << "r_min > r_max was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("r_min=5 exceeds r_max=3"), std::string::npos) << e.what();
  }
}

TEST(Removal, RemValuesEqualTheTasksLargestChangeOverEveryRemovalOfRComponents) {
  // The exhaustive explainer's estimate is the task's function, so Rem(r) must be the largest
  // |f(1) - f(m)| / |f(1)| over every mask m removing exactly r components, found here by asking
  // the task itself about all of them.
  const CellResult cell = run_cell({.task = "synthetic.soum:n=8,s=6,d=3",
                                    .explainer = "exhaustive",
                                    .budget = 256,
                                    .seed = 4,
                                    .holdout = 10,
                                    .evaluations = {removal_spec(1, 3)}});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  const auto task = TaskRegistry::global().create(cell.spec.task, {.seed = cell.task_seed});
  const MaskBatch all = enumerate_masks(8, 0, 256);
  std::vector<double> values(all.rows());
  task->evaluate_reference(all, values);
  const double full = values[255];
  ASSERT_GT(std::abs(full), 1e-6);
  for (int r = 1; r <= 3; ++r) {
    double largest = 0;
    for (std::size_t m = 0; m < all.rows(); ++m)
      if (all.count_kept(m) == 8 - r) largest = std::max(largest, std::abs(full - values[m]));
    const MetricValue* rem = cell.metric("rem_" + std::to_string(r));
    ASSERT_NE(rem, nullptr) << r;
    EXPECT_NEAR(rem->value, largest / std::abs(full), 1e-9) << "r=" << r;
  }
}

}  // namespace
}  // namespace spexbench
