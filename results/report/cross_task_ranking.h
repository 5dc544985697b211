// Explainers ranked across every problem of a results file, as Demšar (JMLR 2006) recommends for
// comparing methods over many data sets: a problem is one planted function at one budget (task,
// budget, seed and instance), each explainer is ranked within it by one metric (repetitions
// averaged), and the ranks are averaged over problems. Friedman's test says whether the mean ranks
// differ at all, Nemenyi's critical difference which of them do; against a chosen reference,
// Wilcoxon's signed-rank test per explainer with Holm's correction. A cell that failed, was
// infeasible or has no value of the metric ranks last in its problem.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/cell.h"
#include "results/statistics/rank_tests.h"

namespace spexbench {

struct CrossTaskRanking {
  std::string metric;
  double alpha = 0.05;
  std::vector<std::string> explainers;  ///< best mean rank first
  std::vector<double> mean_ranks;       ///< in the same order
  std::vector<int> ranked_last;     ///< per explainer: problems it had no value in (failed, ...)
  int problems = 0;                 ///< problems ranked
  int problems_without_values = 0;  ///< left out: no explainer had a value there
  /// Explainers left out because they did not run on every problem, with the problems they ran on
  /// out of all the file's problems (`all_problems`).
  std::vector<std::pair<std::string, int>> left_out;
  int all_problems = 0;
  std::optional<FriedmanTest> friedman;  ///< with at least 2 explainers and 2 problems
  double critical_difference = 0;        ///< Nemenyi's, at alpha
  /// Runs of explainers (first and last index into `explainers`) whose mean ranks lie closer than
  /// the critical difference, each run not inside another: the bars of the diagram.
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  std::string no_ranking;  ///< why there is no ranking, when there is none
};

/// Throws spexbench::Error for a metric whose direction is unknown (core/metric.h).
[[nodiscard]] CrossTaskRanking rank_across_tasks(std::span<const CellResult> cells,
                                                 const std::string& metric, double alpha = 0.05);

struct ReferenceRow {
  std::string explainer;
  int problems = 0;                    ///< problems both ran on
  int wins = 0, ties = 0, losses = 0;  ///< of the explainer against the reference
  double p_value = 1;                  ///< Wilcoxon's signed-rank test, two-sided
  double p_holm = 1;                   ///< Holm-adjusted over the rows
  bool ahead = false;  ///< the signed ranks favour the explainer (its side of the test)
  /// "better" or "worse" than the reference when p_holm < alpha, else empty.
  [[nodiscard]] std::string verdict(double alpha) const;
};

struct ReferenceComparison {
  std::string reference, metric;
  double alpha = 0.05;
  std::vector<ReferenceRow> rows;  ///< by the explainers' natural order
};

/// Each other explainer against `reference` over the problems both ran on. Values within 1e-9 of
/// each other (relative to the larger, or absolute below 1) tie; a missing value loses to any
/// value, as an infinite difference in the test. Throws spexbench::Error when no cell ran
/// `reference` (naming the explainers there are) or for a metric of unknown direction.
[[nodiscard]] ReferenceComparison compare_with_reference(std::span<const CellResult> cells,
                                                         const std::string& metric,
                                                         const std::string& reference,
                                                         double alpha = 0.05);

[[nodiscard]] std::string cross_task_ranking_markdown(const CrossTaskRanking& ranking);
[[nodiscard]] std::string reference_comparison_markdown(const ReferenceComparison& comparison);
[[nodiscard]] std::string cross_task_ranking_html(const CrossTaskRanking& ranking);
[[nodiscard]] std::string reference_comparison_html(const ReferenceComparison& comparison);

}  // namespace spexbench
