// Leaderboards from stored results: one table per (task, budget), one row per explainer, each
// metric as the mean over the cells (instances, seeds, repetitions) with a 95% percentile bootstrap
// interval, explainers ranked by the mean of the ranking metric, never by a single best cell.
// Failed and infeasible cells are counted and their first reason shown, not dropped silently.
#pragma once

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/cell.h"

namespace spexbench {

struct MetricSummary {
  std::string name;
  double mean = 0, low = 0, high = 0;  ///< mean and 95% bootstrap interval
  int count = 0;                       ///< cells the metric applies to
};

struct LeaderboardRow {
  std::string explainer;
  int rank = 0;  ///< 1 = best mean of the ranking metric; 0 when it has no value
  int cells = 0, ok = 0, failed = 0, infeasible = 0;
  std::string first_problem;  ///< status and reason of the first cell that did not succeed
  double mean_queries = 0, mean_algorithm_seconds = 0;
  std::vector<MetricSummary> metrics;  ///< in the board's metric order
};

struct LeaderboardTable {
  std::string task;
  std::int64_t budget = 0;
  std::vector<LeaderboardRow> rows;  ///< by rank, unranked last
};

struct Leaderboard {
  std::string ranking_metric;
  std::vector<std::string> metrics;
  std::vector<LeaderboardTable> tables;
  std::string source;  ///< where the results come from (code, machine, date), shown under the title
  /// Explainers whose settings depart from their papers, with those settings
  /// (ExplainerRegistry::departures): reports mark them with a dagger.
  std::map<std::string, std::vector<std::string>> departures;
};

/// `ranking_metric` must be one of `metrics`; the direction comes from the metric registry.
[[nodiscard]] Leaderboard build_leaderboard(std::span<const CellResult> cells,
                                            const std::vector<std::string>& metrics,
                                            const std::string& ranking_metric);

/// `summary`, in the page's own format, comes before the per-(task, budget) tables: the ranking
/// across tasks (results/report/cross_task_ranking.h).
[[nodiscard]] std::string leaderboard_markdown(const Leaderboard& board, const std::string& title,
                                               const std::string& summary = "");
[[nodiscard]] std::string leaderboard_html(const Leaderboard& board, const std::string& title,
                                           const std::string& summary = "");

/// The same board as curves: one table per task, a row per budget and a column per explainer,
/// each entry the mean of the ranking metric, with the mean queries spent where fewer than the
/// budget (R^2 against queries, as a paper's figure plots it).
[[nodiscard]] std::string curves_markdown(const Leaderboard& board, const std::string& title);
[[nodiscard]] std::string curves_html(const Leaderboard& board, const std::string& title);

/// 95% percentile bootstrap interval of the mean (1,000 resamples, seeded by `seed`).
[[nodiscard]] std::pair<double, double> bootstrap_interval(std::span<const double> values,
                                                           std::uint64_t seed);

}  // namespace spexbench
