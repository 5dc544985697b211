#include <gtest/gtest.h>

#include "core/cell.h"
#include "core/error.h"
#include "core/explainer.h"

namespace spexbench {
namespace {

CellResult run(const std::string& task, const std::string& explainer, std::int64_t budget,
               std::uint64_t seed = 0) {
  return run_cell({.task = task, .explainer = explainer, .budget = budget, .seed = seed});
}

std::string info(const CellResult& cell, const std::string& name) {
  for (const auto& [key, value] : cell.explainer_info)
    if (key == name) return value;
  return "";
}

TEST(Spex, SampleCountIsThreePPlusOneTwoToTheB) {
  const CellResult small = run("synthetic.sparse_fourier:n=20,s=10,d=4", "spex:b=8", 100000);
  EXPECT_EQ(small.counts.total, 21504);
  const CellResult large = run("synthetic.sparse_fourier:n=1000,s=10,d=4", "spex:b=8", 100000);
  EXPECT_EQ(large.counts.total, 43008);
  EXPECT_EQ(info(large, "P"), "55");
}

TEST(Spex, BudgetPicksTheLargestBAndLowersTWhenNeeded) {
  // The budget rule of shapiq: n = 8, budget 500 lowers t from 5 to 3 (P = 15) at b = 3.
  const CellResult cell = run("synthetic.sparse_fourier:n=8,s=3,d=2", "spex", 500);
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(info(cell, "t"), "3");
  EXPECT_EQ(info(cell, "b"), "3");
  EXPECT_EQ(cell.counts.total, 384);
  const CellResult b6 = run("synthetic.sparse_fourier:n=20,s=10,d=4", "spex", 6000);
  EXPECT_EQ(info(b6, "b"), "6");
  EXPECT_EQ(b6.counts.total, 5376);
}

TEST(Spex, RecoversSparseDegreeFiveSpectraExactlyWithBothDecoders) {
  for (const char* decoder : {"soft", "hard"}) {
    for (const int n : {32, 300}) {
      const std::string task = "synthetic.sparse_fourier:n=" + std::to_string(n) + ",s=40,d=5";
      const CellResult cell = run(task, std::string("spex:b=6,decoder=") + decoder, 100000, 3);
      ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
      EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0) << decoder << " n=" << n;
      EXPECT_GT(cell.metric("r2")->value, 1 - 1e-6);
    }
  }
}

TEST(Spex, NoiselessCoefficientsAreExactToRounding) {
  // A zero-ton cutoff of 1e-9 of the signal's power stopped peeling with residual corrections of
  // up to 3e-4 left (nmse 1e-12 to 5e-9); nmse <= 1e-18 bounds every coefficient's error by 1e-9
  // of the spectrum's norm.
  for (const char* task :
       {"synthetic.sparse_fourier:n=64,s=64,d=5", "synthetic.sparse_fourier:n=1024,s=64,d=5",
        "synthetic.sparse_fourier:n=1024,s=256,d=5"}) {
    for (const std::uint64_t seed : {1, 2}) {
      const CellResult cell = run(task, "spex:b=8", 1000000, seed);
      ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
      EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0) << task << " seed " << seed;
      EXPECT_LE(cell.metric("nmse")->value, 1e-18) << task << " seed " << seed;
    }
  }
}

TEST(Spex, MultiDetectPeelingRecoversMoreTermsThanBins) {
  // 64 terms in 3 x 16 bins at n = 512 (2,448 queries), as the reference does.
  const CellResult cell = run("synthetic.sparse_fourier:n=512,s=64,d=5", "spex:b=4", 2448, 1);
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.counts.total, 2448);
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
}

TEST(Spex, LassoRefitKeepsAnExactRecoveryExact) {
  const CellResult cell =
      run("synthetic.sparse_fourier:n=16,s=12,d=3", "spex:b=5,refit=lasso", 100000);
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_recall")->value, 1.0);
}

TEST(Spex, InfeasibleBudgetsAndBadParametersNameTheLimit) {
  const auto spex = ExplainerRegistry::global().create("spex");
  const auto reason = spex->infeasible(100, 100);
  ASSERT_TRUE(reason.has_value());
  EXPECT_NE(reason->find("below the minimum 3*(14+1)*2^3 = 360 queries (t=2, b=3)"),
            std::string::npos)
      << *reason;
  const auto fixed_b = ExplainerRegistry::global().create("spex:b=8");
  EXPECT_NE(fixed_b->infeasible(1000, 40000)->find("needs 3*(55+1)*2^8 = 43008"),
            std::string::npos);
  EXPECT_THROW((void)ExplainerRegistry::global().create("spex:t=0"), Error);
  EXPECT_THROW((void)ExplainerRegistry::global().create("spex:b=21"), Error);
  EXPECT_THROW((void)ExplainerRegistry::global().create("spex:decoder=medium"), Error);
  const auto too_wide = spex->infeasible(600000, 1 << 30);
  ASSERT_TRUE(too_wide.has_value());
  EXPECT_NE(too_wide->find("exceeds the largest BCH code over GF(2^19) for t=5 (n <= 524192)"),
            std::string::npos);
}

TEST(Spex, NonFiniteValuesFailTheCellWithTheReason) {
  const CellResult cell = run("test.nan:n=8,after=100", "spex:b=3", 10000);
  EXPECT_EQ(cell.status, CellStatus::kError);
  EXPECT_NE(cell.error.find("returned nan"), std::string::npos) << cell.error;
}

}  // namespace
}  // namespace spexbench
