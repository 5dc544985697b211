#include "results/report/cross_task_ranking.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <tuple>

#include "core/error.h"
#include "core/metric.h"
#include "results/natural_order.h"
#include "results/number_text.h"
#include "results/report/html_escape.h"

namespace spexbench {
namespace {

/// One planted function at one budget.
using ProblemKey = std::tuple<std::string, std::int64_t, std::uint64_t, int>;

/// Each problem's value per explainer: the mean over its repetitions, or none when any repetition
/// has no value of the metric (failed, infeasible, or the metric does not apply).
struct ProblemValues {
  std::vector<std::string> explainers;  ///< every explainer of the file, in natural order
  std::vector<std::map<std::size_t, std::optional<double>>> problems;  ///< explainer -> value
};

ProblemValues problem_values(std::span<const CellResult> cells, const std::string& metric) {
  std::map<ProblemKey, std::map<std::string, std::vector<const CellResult*>>> grouped;
  for (const CellResult& cell : cells)
    grouped[{cell.spec.task, cell.spec.budget, cell.spec.seed, cell.spec.instance}]
           [cell.spec.explainer]
               .push_back(&cell);
  ProblemValues out;
  for (const auto& [key, by_explainer] : grouped)
    for (const auto& [explainer, runs] : by_explainer) out.explainers.push_back(explainer);
  std::sort(out.explainers.begin(), out.explainers.end(), natural_less);
  out.explainers.erase(std::unique(out.explainers.begin(), out.explainers.end()),
                       out.explainers.end());
  for (const auto& [key, by_explainer] : grouped) {
    auto& problem = out.problems.emplace_back();
    for (const auto& [explainer, runs] : by_explainer) {
      const auto index = static_cast<std::size_t>(
          std::lower_bound(out.explainers.begin(), out.explainers.end(), explainer, natural_less) -
          out.explainers.begin());
      std::optional<double> mean = 0.0;
      for (const CellResult* run : runs) {
        const MetricValue* value = run->status == CellStatus::kOk ? run->metric(metric) : nullptr;
        if (!value || std::isnan(value->value)) {
          mean.reset();
          break;
        }
        *mean += value->value / static_cast<double>(runs.size());
      }
      problem[index] = mean;
    }
  }
  return out;
}

/// The diagram's bars: for each explainer, the run of those after it within the critical
/// difference, kept when it is not inside the run before.
std::vector<std::pair<std::size_t, std::size_t>> groups_within(const std::vector<double>& ranks,
                                                               double critical_difference) {
  std::vector<std::pair<std::size_t, std::size_t>> groups;
  for (std::size_t first = 0; first < ranks.size(); ++first) {
    std::size_t last = first;
    while (last + 1 < ranks.size() && ranks[last + 1] - ranks[first] < critical_difference) ++last;
    if (last > first && (groups.empty() || last > groups.back().second))
      groups.emplace_back(first, last);
  }
  return groups;
}

std::string p_text(double p) { return p < 1e-4 ? significant(p, 2) : fixed_decimals(p, 4); }

/// Letters naming the groups an explainer belongs to ("a", "ab"), as a table shows the diagram.
std::string group_letters(const CrossTaskRanking& ranking, std::size_t explainer) {
  std::string letters;
  for (std::size_t g = 0; g < ranking.groups.size(); ++g)
    if (ranking.groups[g].first <= explainer && explainer <= ranking.groups[g].second)
      letters += g < 26 ? static_cast<char>('a' + g) : '+';
  return letters.empty() ? "-" : letters;
}

/// The paragraph under the ranking's heading, without markup.
std::vector<std::string> ranking_sentences(const CrossTaskRanking& r) {
  std::vector<std::string> out;
  out.push_back(
      "Each explainer is ranked within each problem (a task at a budget, seed and "
      "instance; repetitions averaged), 1 = best by " +
      r.metric + "; a cell that failed, was infeasible or has no value ranks last there. " +
      std::to_string(r.problems) + " of " + std::to_string(r.all_problems) + " problems ranked.");
  if (r.problems_without_values)
    out.push_back(std::to_string(r.problems_without_values) +
                  " problems are left out: no explainer has a value there.");
  if (!r.left_out.empty()) {
    std::string line = "Left out, as they did not run on every problem:";
    for (const auto& [explainer, ran] : r.left_out)
      line += " " + explainer + " (" + std::to_string(ran) + "),";
    line.back() = '.';
    out.push_back(line);
  }
  if (r.friedman) {
    const FriedmanTest& f = *r.friedman;
    out.push_back("Friedman: chi^2 = " + significant(f.chi_square, 4) + ", Iman-Davenport F(" +
                  std::to_string(f.methods - 1) + ", " +
                  std::to_string((f.methods - 1) * (f.blocks - 1)) + ") = " + significant(f.f, 4) +
                  ", p = " + p_text(f.p_value) +
                  (f.p_value < r.alpha ? ": the mean ranks differ."
                                       : ": no significant difference among the mean ranks."));
    out.push_back("Nemenyi's critical difference at " + significant(r.alpha, 2) + ": " +
                  fixed_decimals(r.critical_difference, 3) +
                  "; explainers sharing a letter lie closer than that and do not differ "
                  "significantly.");
  }
  return out;
}

}  // namespace

std::string ReferenceRow::verdict(double alpha) const {
  if (p_holm >= alpha) return "";
  return ahead ? "better" : "worse";
}

CrossTaskRanking rank_across_tasks(std::span<const CellResult> cells, const std::string& metric,
                                   double alpha) {
  const bool higher = metric_higher_is_better(metric);
  const ProblemValues values = problem_values(cells, metric);
  CrossTaskRanking ranking{metric, alpha};
  ranking.all_problems = static_cast<int>(values.problems.size());
  std::vector<std::size_t> kept;
  for (std::size_t e = 0; e < values.explainers.size(); ++e) {
    const auto ran = std::count_if(values.problems.begin(), values.problems.end(),
                                   [&](const auto& problem) { return problem.contains(e); });
    if (ran == ranking.all_problems) {
      kept.push_back(e);
    } else {
      ranking.left_out.emplace_back(values.explainers[e], static_cast<int>(ran));
    }
  }
  std::vector<double> rank_sums(kept.size(), 0);
  std::vector<int> last(kept.size(), 0);
  for (const auto& problem : values.problems) {
    std::vector<std::optional<double>> row;
    for (const std::size_t e : kept) row.push_back(problem.at(e));
    if (std::none_of(row.begin(), row.end(), [](const auto& v) { return v.has_value(); })) {
      ++ranking.problems_without_values;
      continue;
    }
    const std::vector<double> ranks = block_ranks(row, higher);
    for (std::size_t i = 0; i < kept.size(); ++i) {
      rank_sums[i] += ranks[i];
      last[i] += !row[i].has_value();
    }
    ++ranking.problems;
  }
  if (kept.size() < 2 || ranking.problems < 2) {
    ranking.no_ranking = kept.size() < 2 ? "fewer than 2 explainers ran on every problem"
                                         : "fewer than 2 problems have a value of " + metric;
    return ranking;
  }
  std::vector<std::size_t> order(kept.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank_sums[a] < rank_sums[b]; });
  for (const std::size_t i : order) {
    ranking.explainers.push_back(values.explainers[kept[i]]);
    ranking.mean_ranks.push_back(rank_sums[i] / ranking.problems);
    ranking.ranked_last.push_back(last[i]);
  }
  ranking.friedman = friedman_test(ranking.mean_ranks, ranking.problems);
  ranking.critical_difference = nemenyi_critical_difference(
      static_cast<int>(ranking.explainers.size()), ranking.problems, alpha);
  ranking.groups = groups_within(ranking.mean_ranks, ranking.critical_difference);
  return ranking;
}

ReferenceComparison compare_with_reference(std::span<const CellResult> cells,
                                           const std::string& metric, const std::string& reference,
                                           double alpha) {
  const bool higher = metric_higher_is_better(metric);
  const ProblemValues values = problem_values(cells, metric);
  const auto found = std::find(values.explainers.begin(), values.explainers.end(), reference);
  if (found == values.explainers.end()) {
    std::string known;
    for (const std::string& explainer : values.explainers) known += " " + explainer;
    throw Error(str_cat("no cell ran the reference explainer '", reference,
                        "'; the explainers are:", known));
  }
  const auto ref = static_cast<std::size_t>(found - values.explainers.begin());
  ReferenceComparison comparison{reference, metric, alpha, {}};
  std::vector<double> p_values;
  for (std::size_t e = 0; e < values.explainers.size(); ++e) {
    if (e == ref) continue;
    ReferenceRow row{values.explainers[e]};
    std::vector<double> differences;  // positive: the explainer is better
    for (const auto& problem : values.problems) {
      if (!problem.contains(e) || !problem.contains(ref)) continue;
      ++row.problems;
      const std::optional<double> mine = problem.at(e), theirs = problem.at(ref);
      double difference = 0;
      if (mine && theirs) {
        const double scale = std::max({1.0, std::abs(*mine), std::abs(*theirs)});
        difference = std::abs(*mine - *theirs) <= 1e-9 * scale ? 0
                     : higher                                  ? *mine - *theirs
                                                               : *theirs - *mine;
      } else if (mine || theirs) {
        difference = (mine ? 1 : -1) * std::numeric_limits<double>::infinity();
      }
      differences.push_back(difference);
    }
    const SignedRankTest test = wilcoxon_signed_rank(differences);
    row.wins = test.positive;
    row.ties = test.zero;
    row.losses = test.negative;
    row.p_value = test.p_value;
    const double nonzero = test.positive + test.negative;
    row.ahead = test.statistic > nonzero * (nonzero + 1) / 4;
    p_values.push_back(test.p_value);
    comparison.rows.push_back(std::move(row));
  }
  const std::vector<double> adjusted = holm_adjust(p_values);
  for (std::size_t i = 0; i < adjusted.size(); ++i) comparison.rows[i].p_holm = adjusted[i];
  return comparison;
}

std::string cross_task_ranking_markdown(const CrossTaskRanking& ranking) {
  std::ostringstream out;
  out << "\n## Across tasks: mean rank by `" << ranking.metric << "`\n\n";
  if (!ranking.no_ranking.empty()) {
    out << "No ranking: " << ranking.no_ranking << ".\n";
    return out.str();
  }
  for (const std::string& sentence : ranking_sentences(ranking)) out << sentence << "\n";
  out << "\n| rank | explainer | mean rank | group | ranked last |\n|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < ranking.explainers.size(); ++i)
    out << "| " << i + 1 << " | `" << ranking.explainers[i] << "` | "
        << fixed_decimals(ranking.mean_ranks[i], 2) << " | " << group_letters(ranking, i) << " | "
        << ranking.ranked_last[i] << " |\n";
  return out.str();
}

std::string reference_comparison_markdown(const ReferenceComparison& comparison) {
  std::ostringstream out;
  out << "\n## Against `" << comparison.reference << "` by `" << comparison.metric
      << "`\n\nWins, ties and losses of each explainer against `" << comparison.reference
      << "` over the problems both ran on; Wilcoxon's signed-rank test, two-sided, with Holm's "
         "correction over the rows.\n\n| explainer | problems | wins | ties | losses | p | p "
         "(Holm) | |\n|---|---|---|---|---|---|---|---|\n";
  for (const ReferenceRow& row : comparison.rows)
    out << "| `" << row.explainer << "` | " << row.problems << " | " << row.wins << " | "
        << row.ties << " | " << row.losses << " | " << p_text(row.p_value) << " | "
        << p_text(row.p_holm) << " | " << row.verdict(comparison.alpha) << " |\n";
  return out.str();
}

std::string cross_task_ranking_html(const CrossTaskRanking& ranking) {
  std::ostringstream out;
  out << "<h2>Across tasks: mean rank by <code>" << html_escape(ranking.metric) << "</code></h2>\n";
  if (!ranking.no_ranking.empty()) {
    out << "<p>No ranking: " << html_escape(ranking.no_ranking) << ".</p>\n";
    return out.str();
  }
  out << "<p>";
  for (const std::string& sentence : ranking_sentences(ranking))
    out << html_escape(sentence) << "\n";
  out << "</p>\n<table><tr><th>rank</th><th>explainer</th><th>mean rank</th><th>group</th>"
         "<th>ranked last</th></tr>\n";
  for (std::size_t i = 0; i < ranking.explainers.size(); ++i)
    out << "<tr><td>" << i + 1 << "</td><td><code>" << html_escape(ranking.explainers[i])
        << "</code></td><td>" << fixed_decimals(ranking.mean_ranks[i], 2) << "</td><td>"
        << group_letters(ranking, i) << "</td><td>" << ranking.ranked_last[i] << "</td></tr>\n";
  out << "</table>\n";
  return out.str();
}

std::string reference_comparison_html(const ReferenceComparison& comparison) {
  std::ostringstream out;
  out << "<h2>Against <code>" << html_escape(comparison.reference) << "</code> by <code>"
      << html_escape(comparison.metric) << "</code></h2>\n<p>Wins, ties and losses of each "
      << "explainer over the problems both ran on; Wilcoxon's signed-rank test, two-sided, with "
         "Holm's correction over the rows.</p>\n<table "
         "class=\"names\"><tr><th>explainer</th><th>problems</th>"
         "<th>wins</th><th>ties</th><th>losses</th><th>p</th><th>p (Holm)</th><th></th></tr>\n";
  for (const ReferenceRow& row : comparison.rows)
    out << "<tr><td><code>" << html_escape(row.explainer) << "</code></td><td>" << row.problems
        << "</td><td>" << row.wins << "</td><td>" << row.ties << "</td><td>" << row.losses
        << "</td><td>" << p_text(row.p_value) << "</td><td>" << p_text(row.p_holm) << "</td><td>"
        << row.verdict(comparison.alpha) << "</td></tr>\n";
  out << "</table>\n";
  return out.str();
}

}  // namespace spexbench
