#include "suites/engine/remaining_time.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

CellSpec cell(const std::string& explainer, std::int64_t budget) {
  CellSpec spec;
  spec.task = "synthetic.soum:n=8,s=2,d=2";
  spec.explainer = explainer;
  spec.budget = budget;
  return spec;
}

TEST(RemainingTime, ScalesEachExplainersRateByTheBudgetsLeft) {
  const std::vector<CellSpec> specs = {cell("a", 100), cell("b", 10), cell("a", 100),
                                       cell("b", 1000), cell("c", 50)};
  std::vector<const CellSpec*> cells;
  for (const CellSpec& spec : specs) cells.push_back(&spec);
  RemainingTime eta(cells, 2);
  EXPECT_EQ(eta.seconds(), 0);  // nothing to go on yet
  eta.finished(0, 2.0);         // a: 0.02 s per query
  eta.finished(1, 1.0);         // b: 0.1 s per query; all: 3 s over 110 queries
  // a at 100 (2 s) + b at 1000 (100 s) + c, unseen, at the overall rate (50 * 3 / 110), on 2 jobs.
  EXPECT_NEAR(eta.seconds(), (2.0 + 100.0 + 50.0 * 3.0 / 110.0) / 2, 1e-12);
  eta.finished(3, 90.0);  // b: 91 s over 1,010 queries
  eta.finished(4, 1.0);
  // One cell left: it has a job to itself.
  EXPECT_NEAR(eta.seconds(), 100 * 2.0 / 100, 1e-12);
  eta.finished(2, 2.5);
  EXPECT_EQ(eta.seconds(), 0);
}

}  // namespace
}  // namespace spexbench
