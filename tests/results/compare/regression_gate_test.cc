#include "results/compare/regression_gate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"

namespace spexbench {
namespace {

std::vector<CellResult> cells(const std::vector<double>& r2, std::int64_t queries = 100,
                              double seconds = 0.01) {
  std::vector<CellResult> out;
  for (std::size_t i = 0; i < r2.size(); ++i) {
    CellResult c;
    c.id = std::to_string(1000 + i);  // (avoids GCC 12's false -Wrestrict on "literal" + string)
    c.spec.task = std::string(1, 't');
    c.spec.explainer = std::string(1, 'e');
    c.spec.budget = 100;
    c.counts.total = c.counts.unique = queries;
    c.algorithm_seconds = seconds;
    c.metrics.push_back({"r2", r2[i], 1});
    out.push_back(c);
  }
  return out;
}

TEST(RegressionGate, IdenticalResultsPass) {
  const auto base = cells({0.9, 0.8, 0.95});
  EXPECT_EQ(compare_results(base, base, {}).regressions, 0);
}

TEST(RegressionGate, ConsistentlyWorseMetricFails) {
  const auto report =
      compare_results(cells({0.9, 0.8, 0.95, 0.7}), cells({0.85, 0.76, 0.9, 0.64}), {});
  EXPECT_EQ(report.regressions, 1);
  EXPECT_NE(report.table().find("REGRESSION"), std::string::npos);
  // Only the regressions are listed unless every comparison is asked for.
  EXPECT_EQ(report.table().find("\nok "), std::string::npos) << report.table();
  EXPECT_NE(report.table(true).find("\nok "), std::string::npos) << report.table(true);
  EXPECT_NE(report.table().find(std::to_string(report.rows.size()) + " comparisons: 1 regression"),
            std::string::npos)
      << report.table();
}

TEST(RegressionGate, AMetricThatBecameNonFiniteFails) {
  for (const double lost : {std::nan(""), -static_cast<double>(INFINITY)}) {
    const auto report = compare_results(cells({1.0, 1.0}), cells({1.0, lost}), {});
    EXPECT_EQ(report.regressions, 1) << lost;
    EXPECT_NE(report.table().find("non-finite"), std::string::npos) << report.table();
  }
}

TEST(RegressionGate, OptionsThatWouldSwitchTheGateOffAreErrors) {
  const auto base = cells({0.9, 0.8});
  for (const GateOptions bad :
       {GateOptions{.alpha = std::nan("")}, GateOptions{.alpha = -1}, GateOptions{.alpha = 0},
        GateOptions{.alpha = 1}, GateOptions{.tolerance = std::nan("")},
        GateOptions{.tolerance = -1}, GateOptions{.time_ratio = std::nan("")},
        GateOptions{.time_ratio = 0.5}, GateOptions{.time_floor_seconds = INFINITY}}) {
    EXPECT_THROW((void)compare_results(base, base, bad), Error);
  }
  try {
    (void)compare_results(base, base, {.alpha = 0});
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("--alpha"), std::string::npos) << e.what();
  }
}

TEST(RegressionGate, RowsComeInReadingOrder) {
  std::vector<CellResult> base;
  for (const auto& [task, budget] :
       std::vector<std::pair<std::string, std::int64_t>>{{"synthetic.hierarchical:n=128", 7872},
                                                         {"synthetic.hierarchical:n=64", 984},
                                                         {"synthetic.hierarchical:n=64", 96}}) {
    CellResult c = cells({0.5})[0];
    c.id = task + std::to_string(budget);
    c.spec.task = task;
    c.spec.budget = budget;
    base.push_back(c);
  }
  const auto report = compare_results(base, base, {});
  std::vector<std::string> groups;
  for (const GateRow& row : report.rows)
    if (groups.empty() || groups.back() != row.group) groups.push_back(row.group);
  EXPECT_EQ(groups, (std::vector<std::string>{"synthetic.hierarchical:n=64 | e | 96",
                                              "synthetic.hierarchical:n=64 | e | 984",
                                              "synthetic.hierarchical:n=128 | e | 7872"}));
  EXPECT_EQ(report.table(), std::to_string(report.rows.size()) +
                                " comparisons: no regressions (--all lists every comparison)\n");
}

TEST(RegressionGate, NoiseWithoutSignificanceAndImprovementsPass) {
  // Mean worse by 0.005 but half the pairs improve: not significant at 0.05.
  const auto noisy = compare_results(cells({0.9, 0.8, 0.95, 0.7}), cells({0.93, 0.75, 0.97, 0.68}),
                                     {.tolerance = 1e-6});
  EXPECT_EQ(noisy.regressions, 0);
  EXPECT_EQ(compare_results(cells({0.5, 0.5}), cells({0.9, 0.9}), {}).regressions, 0);
}

TEST(RegressionGate, ChangedQueryCountsStatusesAndSlowdownsFail) {
  EXPECT_EQ(compare_results(cells({0.9}), cells({0.9}, 101), {}).regressions, 1);
  auto failed = cells({0.9});
  failed[0].status = CellStatus::kError;
  EXPECT_GE(compare_results(cells({0.9}), failed, {}).regressions, 1);
  EXPECT_EQ(compare_results(cells({0.9}), cells({0.9}, 100, 0.5), {}).regressions, 1);
  EXPECT_EQ(compare_results(cells({0.9}), cells({0.9}, 100, 0.02), {}).regressions, 0);  // floor
  EXPECT_EQ(compare_results(cells({0.9, 0.9}), cells({0.9}), {}).regressions, 1);        // missing
}

// Across machines or build types (a sanitizer build is many times slower) only times are left out.
TEST(RegressionGate, WithoutTimesOnlySlowdownsPass) {
  const GateOptions no_times{.compare_times = false};
  const GateReport slower = compare_results(cells({0.9}), cells({0.9}, 100, 50.0), no_times);
  EXPECT_EQ(slower.regressions, 0);
  EXPECT_NE(slower.table(true).find("times not compared"), std::string::npos);
  EXPECT_EQ(compare_results(cells({0.9}), cells({0.9}, 101, 50.0), no_times).regressions, 1);
  EXPECT_EQ(compare_results(cells({0.9, 0.8}), cells({0.5, 0.4}, 100, 50.0), no_times).regressions,
            1);
}

}  // namespace
}  // namespace spexbench
