#include <gtest/gtest.h>

#include "tests/baselines/baseline_testing.h"

namespace spexbench {
namespace {

using test::run_baseline;

TEST(Lime, RecoversALinearFunctionUpToRidgeShrinkage) {
  const CellResult cell = run_baseline("synthetic.sparse_fourier:n=30,s=8,d=1", "lime", 4000);
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_recall")->value, 1.0);
}

TEST(Lime, FeatureSelectionKeepsTheStrongestComponents) {
  // Two strong terms among weak ones: both selection rules (forward for <= 6, highest weights
  // above) must keep exactly the requested number, strongest first.
  for (const char* spec : {"lime:features=2", "lime:features=7"}) {
    const CellResult cell =
        run_baseline("synthetic.sparse_fourier:n=20,s=9,d=1,law=uniform,lo=0.1,hi=0.2", spec, 2000);
    std::size_t singles = 0;
    for (std::size_t t = 0; t < cell.estimate->size(); ++t)
      singles += cell.estimate->degree(t) == 1;
    EXPECT_EQ(singles, std::string(spec).back() == '2' ? 2u : 7u) << spec;
  }
}

}  // namespace
}  // namespace spexbench
