#include <gtest/gtest.h>

#include <cmath>

#include "core/cell.h"
#include "core/explainer.h"
#include "tests/tolerances.h"

namespace spexbench {
namespace {

// The foundation figure at a size that keeps the test fast: every planted coefficient to 1e-9,
// R^2 = 1 to 1e-12, exactly 2^n queries. (`spexbench run` measures n = 20.)
TEST(Exhaustive, RecoversEveryPlantedCoefficientWithExactly2ToTheNQueries) {
  const CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=14,s=50,d=4",
                                    .explainer = "exhaustive",
                                    .budget = 1 << 14,
                                    .seed = 5});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.counts.total, 1 << 14);
  EXPECT_EQ(cell.counts.unique, 1 << 14);
  const SparsePolynomial& truth = *cell.ground_truth;
  const SparsePolynomial& estimate = *cell.estimate;
  EXPECT_EQ(estimate.size(), truth.size()) << "nothing but the planted terms survives";
  const TermIndex index(estimate);
  for (std::size_t t = 0; t < truth.size(); ++t) {
    const auto e = index.find(truth.term(t));
    ASSERT_TRUE(e.has_value());
    EXPECT_NEAR(estimate.coef(*e), truth.coef(t), test::kExhaustiveCoefficient);
  }
  EXPECT_NEAR(cell.metric("r2")->value, 1.0, test::kExhaustiveR2);
}

TEST(Exhaustive, RecoversMobiusGroundTruthThroughConversion) {
  const CellResult cell = run_cell({.task = "synthetic.soum:n=10,s=12,d=4",
                                    .explainer = "exhaustive",
                                    .budget = 1024,
                                    .seed = 1});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
  EXPECT_LT(cell.metric("nmse")->value, 1e-20);
}

TEST(Exhaustive, RefusesLargeNWithAClearReason) {
  const auto exhaustive = ExplainerRegistry::global().create("exhaustive");
  const auto reason = exhaustive->infeasible(25, std::int64_t{1} << 40);
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("n=25 exceeds the exhaustive limit of 24"), std::string::npos);
}

}  // namespace
}  // namespace spexbench
