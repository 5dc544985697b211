#include "core/cell.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"
#include "tests/test_tasks.h"

namespace spexbench {
namespace {

CellSpec exhaustive_cell(std::int64_t budget) {
  test::link_test_plugins();
  return {.task = "synthetic.sparse_fourier:d=3,n=8,s=6",  // non-canonical order on purpose
          .explainer = "exhaustive",
          .budget = budget,
          .seed = 3,
          .holdout = 200};
}

TEST(Cell, RunsEndToEndWithCanonicalSpecsSeedsAndMetrics) {
  const CellResult cell = run_cell(exhaustive_cell(256));
  EXPECT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.spec.task, "synthetic.sparse_fourier:n=8,s=6,d=3");
  EXPECT_EQ(cell.num_features, 8);
  EXPECT_EQ(cell.counts.total, 256);
  EXPECT_EQ(cell.counts.unique, 256);
  EXPECT_EQ(cell.holdout_masks.rows(), 200u);
  ASSERT_NE(cell.metric("r2"), nullptr);
  EXPECT_NEAR(cell.metric("r2")->value, 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
  EXPECT_EQ(cell.task_seed, task_instance_seed(3, cell.spec.task, 0));
  EXPECT_EQ(cell.id.size(), 16u);
}

// The progress sink hears the cell's stages in order, the explainer's own among them, and the
// result does not depend on whether anyone listens.
TEST(Cell, ProgressHearsEachStageAndChangesNothing) {
  CellSpec spec = exhaustive_cell(300);
  spec.explainer = "spex";
  std::vector<std::string> stages;
  const CellResult heard =
      run_cell(spec, [&](std::string_view stage) { stages.emplace_back(stage); });
  ASSERT_EQ(heard.status, CellStatus::kOk) << heard.error;
  ASSERT_EQ(stages.size(), 7u);
  EXPECT_EQ(stages[0], "starting synthetic.sparse_fourier:n=8,s=6,d=3");
  EXPECT_EQ(stages[1], "explaining with spex (budget 300)");
  EXPECT_EQ(stages[2], "querying group 1 of 3 (88 masks)");
  EXPECT_EQ(stages[5], "peeling the bins");
  EXPECT_EQ(stages[6], "scoring on 200 held-out masks");
  const CellResult silent = run_cell(spec);
  EXPECT_EQ(silent.estimate, heard.estimate);
  EXPECT_EQ(silent.metric("r2")->value, heard.metric("r2")->value);
}

TEST(Cell, SameDefinitionSameResult) {
  const CellResult a = run_cell(exhaustive_cell(256));
  const CellResult b = run_cell(exhaustive_cell(256));
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(*a.estimate, *b.estimate);
  EXPECT_EQ(a.holdout_values, b.holdout_values);
  CellSpec other = exhaustive_cell(256);
  other.instance = 1;
  const CellResult c = run_cell(other);
  EXPECT_NE(*a.ground_truth, *c.ground_truth) << "another instance plants another function";
}

TEST(Cell, ExecutionOnlyParametersChangeTheIdButNotTheSeeds) {
  const CellResult a = run_cell(exhaustive_cell(256));
  CellSpec batched = exhaustive_cell(256);
  batched.explainer = "exhaustive:batch=16";
  const CellResult b = run_cell(batched);
  EXPECT_NE(a.id, b.id) << "a timing comparison keeps its two cells apart";
  EXPECT_EQ(b.spec.explainer, "exhaustive:batch=16");
  EXPECT_EQ(a.task_seed, b.task_seed);
  EXPECT_EQ(a.explainer_seed, b.explainer_seed);
  EXPECT_EQ(*a.estimate, *b.estimate);
  CellSpec other = exhaustive_cell(256);
  other.repetition = 1;
  EXPECT_NE(run_cell(other).explainer_seed, a.explainer_seed) << "the seed still follows identity";
}

TEST(Cell, InfeasibleCellIsRecordedNotRun) {
  const CellResult cell = run_cell(exhaustive_cell(255));
  EXPECT_EQ(cell.status, CellStatus::kInfeasible);
  EXPECT_NE(cell.error.find("needs 2^8 = 256 queries, budget is 255"), std::string::npos)
      << cell.error;
  EXPECT_EQ(cell.counts.total, 0);
}

TEST(Cell, ABudgetWhoseMasksAloneExhaustMemoryIsInfeasibleBeforeAnyQuery) {
  // kernel_shap at budget 1e11 over n = 512 ran for hours before it ran out of memory.
  const CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=512,s=10,d=3",
                                    .explainer = "kernel_shap",
                                    .budget = 100000000000,
                                    .holdout = 10});
  EXPECT_EQ(cell.status, CellStatus::kInfeasible);
  EXPECT_NE(cell.error.find("budget=100000000000 at n=512 needs"), std::string::npos) << cell.error;
  EXPECT_NE(cell.error.find("over the limit of 8 GiB"), std::string::npos) << cell.error;
  EXPECT_EQ(cell.counts.total, 0);
}

TEST(Cell, BudgetViolationIsStoredInTheCell) {
  CellSpec spec = exhaustive_cell(100);
  spec.explainer = "test.overspend:extra=1";
  const CellResult cell = run_cell(spec);
  EXPECT_EQ(cell.status, CellStatus::kBudgetExceeded);
  EXPECT_NE(cell.error.find("over the budget of 100"), std::string::npos) << cell.error;
  EXPECT_EQ(cell.counts.total, 0) << "a refused batch is not evaluated, nor truncated";
  EXPECT_FALSE(cell.estimate.has_value());
}

TEST(Cell, NonFiniteValueFailsTheCellWithTheReason) {
  CellSpec spec = exhaustive_cell(1000);
  spec.task = "test.nan:n=4,after=5";
  spec.explainer = "exhaustive:batch=4";
  const CellResult cell = run_cell(spec);
  EXPECT_EQ(cell.status, CellStatus::kError);
  EXPECT_NE(cell.error.find("returned nan"), std::string::npos) << cell.error;
  EXPECT_EQ(cell.counts.total, 8) << "queries already made stay counted";
}

TEST(Cell, NonFiniteMetricsFailTheCellInsteadOfBeingStored) {
  // Coefficients near the largest double: values and errors overflow to inf, R^2 to NaN.
  CellSpec spec = exhaustive_cell(256);
  spec.task = "synthetic.sparse_fourier:n=8,s=4,d=2,lo=1e300,hi=1.5e300";
  const CellResult cell = run_cell(spec);
  EXPECT_EQ(cell.status, CellStatus::kError);
  EXPECT_NE(cell.error.find("not finite"), std::string::npos) << cell.error;
  for (const MetricValue& m : cell.metrics) EXPECT_TRUE(std::isfinite(m.value)) << m.name;
}

TEST(Cell, RecomputedMetricsOnANonFiniteHeldOutValueFailTheCell) {
  CellResult cell = run_cell(exhaustive_cell(256));
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  cell.holdout_values[0] = std::nan("");
  (void)refresh_metrics(cell, {"r2"}, true);
  EXPECT_EQ(cell.status, CellStatus::kError);
  EXPECT_NE(cell.error.find("metric 'r2'"), std::string::npos) << cell.error;
  EXPECT_EQ(cell.metric("r2"), nullptr);
}

TEST(Cell, AStandardExceptionFromALibraryFailsTheCellNamingIt) {
  for (const std::string what : {"runtime_error", "bad_alloc"}) {
    CellSpec spec = exhaustive_cell(256);
    spec.task = "test.throws:n=4,what=" + what;
    const CellResult cell = run_cell(spec);
    EXPECT_EQ(cell.status, CellStatus::kError) << what;
    EXPECT_NE(cell.error.find("exhaustive"), std::string::npos) << cell.error;
    EXPECT_NE(cell.error.find(what == "bad_alloc" ? "out of memory" : "a library failed"),
              std::string::npos)
        << cell.error;
  }
}

TEST(Cell, AStandardExceptionFromAnExplainerFailsOnlyThatCell) {
  const std::pair<const char*, const char*> cases[] = {{"runtime_error", "a solver failed"},
                                                       {"bad_alloc", "out of memory"},
                                                       {"logic_error", "a broken invariant"}};
  for (const auto& [what, message] : cases) {
    CellSpec spec = exhaustive_cell(256);
    spec.explainer = std::string("test.throwing:what=") + what;
    const CellResult cell = run_cell(spec);
    EXPECT_EQ(cell.status, CellStatus::kError) << what;
    EXPECT_NE(cell.error.find("test.throwing"), std::string::npos) << cell.error;
    EXPECT_NE(cell.error.find(message), std::string::npos) << cell.error;
    EXPECT_EQ(cell.counts.total, 1) << "what it measured before failing is kept";
  }
}

TEST(Cell, BadSpecsThrowBeforeRunning) {
  CellSpec spec = exhaustive_cell(256);
  spec.explainer = "exhaustiv";
  EXPECT_THROW((void)run_cell(spec), Error);
  spec = exhaustive_cell(256);
  spec.task = "synthetic.sparse_fourier:n=0,s=1,d=1";
  EXPECT_THROW((void)run_cell(spec), Error);
  spec = exhaustive_cell(0);
  EXPECT_THROW((void)run_cell(spec), Error);
  spec = exhaustive_cell(256);
  spec.metrics = {"r3"};
  EXPECT_THROW((void)run_cell(spec), Error);
}

}  // namespace
}  // namespace spexbench
