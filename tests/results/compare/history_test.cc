#include "results/compare/history.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/rng.h"
#include "results/compare/history_series.h"

namespace spexbench {
namespace {

/// `versions` points of `samples` normal draws each, mean `mean` (plus `step` from version
/// `step_at` on) and spread `sd`.
Series noisy(Rng& rng, int versions, int samples, double mean, double sd, int step_at = -1,
             double step = 0) {
  Series series{"t | e | 100", "r2", true, false, false, std::vector<SeriesPoint>(versions)};
  for (int v = 0; v < versions; ++v)
    for (int s = 0; s < samples; ++s)
      series.points[v].samples.push_back(mean + (step_at >= 0 && v >= step_at ? step : 0) +
                                         sd * rng.normal());
  return series;
}

TEST(History, FindsAPlantedStepAndNamesItsDirection) {
  Rng rng(7);
  // R^2 0.8 with spread 0.02 over 10 cells; at v4 it falls by 0.05.
  const Series series = noisy(rng, 5, 10, 0.8, 0.02, 3, -0.05);
  const std::vector<Step> steps = find_steps(series, {});
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].version, 3u);
  EXPECT_TRUE(steps[0].worse);
  EXPECT_LT(steps[0].p_value, 0.01 / 4);
  EXPECT_NEAR(steps[0].after - steps[0].before, -0.05, 0.03);
}

TEST(History, RarelyRaisesAnAlarmOnUnchangedSeries) {
  Rng rng(11);
  int alarms = 0;
  for (int s = 0; s < 100; ++s) alarms += !find_steps(noisy(rng, 5, 10, 0.5, 0.05), {}).empty();
  // alpha 0.01 over each series' 4 steps: about 1 alarm in 100 series is expected.
  std::printf("false alarms: %d of 100 unchanged series\n", alarms);
  EXPECT_LE(alarms, 4);
  // And every series with a planted step of 4 within-version standard deviations is caught.
  int caught = 0;
  for (int s = 0; s < 100; ++s)
    caught += find_steps(noisy(rng, 5, 10, 0.5, 0.05, 2, 0.2), {}).size() == 1;
  std::printf("planted steps found: %d of 100\n", caught);
  EXPECT_GE(caught, 95);
}

TEST(History, DeterministicSeriesStepOnAnyChangeBeyondTheTolerance) {
  // Three cells per version (instances far apart), paired by id across versions.
  Series same{"g", "queries", false, false, false, std::vector<SeriesPoint>(3)};
  for (auto& point : same.points) point = {{100, 200, 300}, {"i0", "i1", "i2"}};
  EXPECT_TRUE(find_steps(same, {}).empty());
  same.points[2] = {{300, 101, 200}, {"i2", "i0", "i1"}};  // i0 took one query more
  const std::vector<Step> steps = find_steps(same, {});
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0].p_value, 0);
  EXPECT_TRUE(steps[0].worse);  // more queries
  HistoryOptions loose;
  loose.tolerance = 1;
  EXPECT_TRUE(find_steps(same, loose).empty());  // no cell moved by more than 1
  // Unpaired, the spread between instances hides the change from a test.
  for (auto& point : same.points) point.keys.clear();
  EXPECT_TRUE(find_steps(same, {}).empty());
}

TEST(History, TimesMustAlsoMoveBeyondTheRatioAndFloor) {
  Rng rng(3);
  Series times = noisy(rng, 3, 20, 1.0, 0.01, 2, 0.3);  // 30% slower: significant, below 1.5x
  times.is_time = true;
  times.higher_is_better = false;
  EXPECT_TRUE(find_steps(times, {}).empty());
  HistoryOptions strict;
  strict.time_ratio = 1.2;
  ASSERT_EQ(find_steps(times, strict).size(), 1u);
  EXPECT_TRUE(find_steps(times, strict)[0].worse);
  // Cells' times below the floor never step; a micro benchmark's have no floor.
  for (auto& point : times.points)
    for (double& seconds : point.samples) seconds *= 1e-4;
  EXPECT_TRUE(find_steps(times, strict).empty());
  times.is_benchmark = true;
  EXPECT_EQ(find_steps(times, strict).size(), 1u);
}

TEST(History, CountsARegressionOnlyInTheNewestVersion) {
  Rng rng(5);
  std::vector<Series> series = {noisy(rng, 4, 10, 0.8, 0.01, 1, -0.1),
                                noisy(rng, 4, 10, 0.8, 0.01, 3, -0.1),
                                noisy(rng, 4, 10, 0.8, 0.01, 3, +0.1)};
  const History history = history_of(
      {{"a", "1", "a.h5"}, {"b", "2", "b.h5"}, {"c", "3", "c.h5"}, {"d", "4", "d.h5"}}, series, {});
  EXPECT_EQ(history.moved.size(), 3u);
  EXPECT_EQ(history.regressions, 1);
  const std::string table = history.table();
  EXPECT_NE(table.find("REGRESSION in the newest version"), std::string::npos) << table;
  EXPECT_NE(table.find("3 series over 4 versions: 3 moved, 1 regressed"), std::string::npos)
      << table;
  EXPECT_THROW((void)history_of({{"a", "1", "a.h5"}}, series, {}), Error);
  HistoryOptions bad;
  bad.alpha = 0;
  EXPECT_THROW((void)history_of({}, {}, bad), Error);
}

CellResult cell(const std::string& explainer, double r2, CellStatus status = CellStatus::kOk) {
  CellResult c;
  c.spec.task = std::string("task");
  c.spec.explainer = explainer;
  c.spec.budget = 100;
  c.status = status;
  c.counts.total = 100;
  c.algorithm_seconds = 0.5;
  if (status == CellStatus::kOk) c.metrics.push_back({"r2", r2, 1});
  return c;
}

TEST(HistorySeries, ResultsFilesGiveASeriesPerGroupAndWhat) {
  std::vector<ResultsFile> files(2);
  files[0].cells = {cell("a", 0.5), cell("a", 0.7), cell("b", 0.9)};
  files[1].cells = {cell("a", 0.6), cell("a", 0.6, CellStatus::kError), cell("b", 0.9)};
  const std::vector<Series> series = results_series(files, {"v1.h5", "v2.h5"}, {});
  // Per group: cells ok, queries, algorithm s, r2.
  ASSERT_EQ(series.size(), 8u);
  const auto find = [&](const std::string& group, const std::string& what) {
    return *std::find_if(series.begin(), series.end(),
                         [&](const Series& s) { return s.group == group && s.what == what; });
  };
  EXPECT_EQ(find("task | a | 100", "r2").points[1].samples, (std::vector<double>{0.6}));
  EXPECT_EQ(find("task | a | 100", "cells ok").points[1].samples, (std::vector<double>{1, 0}));
  EXPECT_TRUE(find("task | a | 100", "algorithm s").is_time);
  EXPECT_FALSE(find("task | a | 100", "queries").higher_is_better);
  EXPECT_EQ(results_series(files, {"v1.h5", "v2.h5"}, {"r2"}).size(), 2u);
}

TEST(HistorySeries, RefusesDifferentSuitesFilesWithoutOkCellsAndUnknownSeries) {
  std::vector<ResultsFile> files(2);
  files[0].cells = {cell("a", 0.5), cell("b", 0.9)};
  files[1].cells = {cell("a", 0.5), cell("c", 0.9)};
  const auto message = [&](const std::vector<std::string>& only) {
    try {
      (void)results_series(files, {"v1.h5", "v2.h5"}, only);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message({}),
            "history: 'v2.h5' is not a run of the same suite as 'v1.h5'; it lacks 'task | b | "
            "100'; it adds 'task | c | 100'");
  files[1].cells = {cell("a", 0, CellStatus::kInfeasible), cell("b", 0, CellStatus::kError)};
  EXPECT_EQ(message({}),
            "history: 'v2.h5' has no cell that succeeded, so nothing of it can be compared");
  files[1].cells = files[0].cells;
  EXPECT_EQ(message({"support_f1"}),
            "history: no cell has 'support_f1'; the series are: 'algorithm s' 'cells ok' "
            "'queries' 'r2'");
}

TEST(HistorySeries, ReadsGoogleBenchmarkJsonWithRepetitionsAsSamples) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "spexbench_history_benchmark.json";
  std::ofstream(path) << R"({"context": {"date": "2026-12-06T02:00:00+00:00"},
    "benchmarks": [
      {"name": "BM_fit/8", "run_name": "BM_fit/8", "run_type": "iteration", "real_time": 2000,
       "time_unit": "us"},
      {"name": "BM_fit/8", "run_name": "BM_fit/8", "run_type": "iteration", "real_time": 3000,
       "time_unit": "us"},
      {"name": "BM_fit/8_mean", "run_name": "BM_fit/8", "run_type": "aggregate",
       "real_time": 2500, "time_unit": "us"},
      {"name": "BM_peel", "real_time": 5, "time_unit": "ms"}]})";
  const BenchmarkRun run = read_benchmark_json(path);
  EXPECT_EQ(run.date, "2026-12-06T02:00:00+00:00");
  ASSERT_EQ(run.real_seconds.size(), 2u);
  EXPECT_EQ(run.real_seconds.at("BM_fit/8"), (std::vector<double>{0.002, 0.003}));
  EXPECT_EQ(run.real_seconds.at("BM_peel"), (std::vector<double>{0.005}));
  const std::vector<Series> series = benchmark_series({run, run});
  ASSERT_EQ(series.size(), 2u);
  EXPECT_TRUE(series[0].is_time);
  std::ofstream(path) << R"({"benchmarks": 3})";
  EXPECT_THROW((void)read_benchmark_json(path), Error);
  std::ofstream(path) << "not json";
  EXPECT_THROW((void)read_benchmark_json(path), Error);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace spexbench
