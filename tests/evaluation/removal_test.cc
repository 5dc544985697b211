#include "evaluation/removal.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/cell.h"
#include "core/rng.h"
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

TEST(Removal, AddsRemMetricsAndCountsItsQueriesApart) {
  CellResult cell = run_cell(
      {.task = "synthetic.soum:n=20,s=10,d=3", .explainer = "spex", .budget = 20000, .seed = 1});
  ASSERT_EQ(cell.status, CellStatus::kOk);
  const std::int64_t queries = cell.counts.total;
  add_removal_metrics(cell, 3, 7);
  for (int r = 3; r <= 7; ++r) ASSERT_NE(cell.metric("rem_" + std::to_string(r)), nullptr) << r;
  EXPECT_EQ(cell.counts.total, queries);
  EXPECT_EQ(cell.explainer_info.back(),
            (std::pair<std::string, std::string>{"removal_queries", "6"}));
}

}  // namespace
}  // namespace spexbench
