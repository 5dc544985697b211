// The explainer contract, checked for every registered explainer (docs/architecture.md, "Tests and
// benchmarks"): it stays within budget, is deterministic for a seed, round-trips its spec, and
// recovers a known sparse function when the budget is generous.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "core/cell.h"
#include "core/explainer.h"
#include "tests/conformance/conformance_cases.h"

namespace spexbench {
namespace {

class ExplainerConformance : public ::testing::TestWithParam<std::string> {
 protected:
  const test::ExplainerCase& conformance_case() {
    const auto it = test::explainer_cases().find(GetParam());
    // Thrown, not returned: gtest fails the test with the message, and no test reads a case that
    // is not there.
    if (it == test::explainer_cases().end())
      throw std::runtime_error("add a conformance case for '" + GetParam() + "'");
    return it->second;
  }
};

TEST_P(ExplainerConformance, SpecRoundTrips) {
  const auto& c = conformance_case();
  EXPECT_EQ(ExplainerRegistry::global().create(c.spec)->spec(), c.spec);
  // With every parameter at its default, where none is required (external.explainer's command).
  const auto& params = ExplainerRegistry::global().find(GetParam())->params;
  if (std::any_of(params.begin(), params.end(), [](const ParamSpec& p) { return p.required; }))
    return;
  const auto defaults = ExplainerRegistry::global().create(GetParam());
  EXPECT_EQ(ExplainerRegistry::global().create(defaults->spec())->spec(), defaults->spec());
}

TEST_P(ExplainerConformance, StaysWithinBudget) {
  const auto& c = conformance_case();
  for (const std::int64_t budget : {c.small_budget, c.budget}) {
    const CellResult cell =
        run_cell({.task = c.task, .explainer = c.spec, .budget = budget, .seed = 1, .holdout = 0});
    // The Oracle refuses any batch past the budget, so the count can never pass it: the contract
    // is that the explainer never asks for such a batch, which would make the cell budget_exceeded.
    EXPECT_NE(cell.status, CellStatus::kBudgetExceeded) << cell.error;
  }
}

TEST_P(ExplainerConformance, IsDeterministicForASeed) {
  const auto& c = conformance_case();
  const CellSpec spec{
      .task = c.task, .explainer = c.spec, .budget = c.budget, .seed = 9, .holdout = 0};
  const CellResult a = run_cell(spec);
  const CellResult b = run_cell(spec);
  ASSERT_EQ(a.status, CellStatus::kOk) << a.error;
  EXPECT_EQ(*a.estimate, *b.estimate);
  EXPECT_EQ(a.counts.total, b.counts.total);
}

TEST_P(ExplainerConformance, RecoversASparseFunctionWithAGenerousBudget) {
  const auto& c = conformance_case();
  const CellResult cell =
      run_cell({.task = c.task, .explainer = c.spec, .budget = c.budget, .seed = 2});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
}

INSTANTIATE_TEST_SUITE_P(Registered, ExplainerConformance,
                         ::testing::ValuesIn(test::shipped_names(ExplainerRegistry::global())),
                         test::PluginTestName());

}  // namespace
}  // namespace spexbench
