#include "results/compare/regression_gate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "core/error.h"
#include "core/metric.h"
#include "results/cell_groups.h"
#include "results/natural_order.h"
#include "results/number_text.h"
#include "results/statistics/distributions.h"

namespace spexbench {
namespace {

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

void GateOptions::validate() const {
  // Each of these, out of range, would switch part of the gate off without a word: a NaN
  // compares false with everything, and alpha <= 0 makes every test insignificant.
  SPEXBENCH_CHECK(std::isfinite(tolerance) && tolerance >= 0,
                  "compare: --tolerance must be a finite number >= 0, got ", tolerance);
  SPEXBENCH_CHECK(alpha > 0 && alpha < 1, "compare: --alpha must lie in (0, 1), got ", alpha);
  SPEXBENCH_CHECK(std::isfinite(time_ratio) && time_ratio >= 1,
                  "compare: --time-ratio must be a finite number >= 1, got ", time_ratio);
  SPEXBENCH_CHECK(std::isfinite(time_floor_seconds) && time_floor_seconds >= 0,
                  "compare: --time-floor must be a finite number >= 0, got ", time_floor_seconds);
}

GateReport compare_results(std::span<const CellResult> base, std::span<const CellResult> contender,
                           const GateOptions& options) {
  options.validate();
  GateReport report;
  std::map<std::string, const CellResult*> by_id;
  for (const CellResult& cell : contender) by_id[cell.id] = &cell;

  // Pairs per (task, explainer, budget); the rows are put in reading order at the end.
  for (const CellGroup& cell_group : group_cells(base)) {
    const std::string group = cell_group.key.text();
    std::vector<std::pair<const CellResult*, const CellResult*>> pairs;
    for (const CellResult* cell : cell_group.cells) {
      const auto it = by_id.find(cell->id);
      if (it == by_id.end()) {
        report.rows.push_back(
            {group, "status", 0, 0, 1, 1, true, "cell " + cell->id + " missing from the new file"});
        continue;
      }
      const CellResult& other = *it->second;
      if (cell->status == CellStatus::kOk && other.status != CellStatus::kOk)
        report.rows.push_back({group, "status", 0, 0, 1, 1, true,
                               "cell " + cell->id + " now " +
                                   std::string(cell_status_name(other.status)) + ": " +
                                   other.error});
      if (cell->counts.total != other.counts.total || cell->counts.unique != other.counts.unique)
        report.rows.push_back({group, "queries", static_cast<double>(cell->counts.total),
                               static_cast<double>(other.counts.total), 1, 1, true,
                               "cell " + cell->id + " query counts changed (unique " +
                                   std::to_string(cell->counts.unique) + " -> " +
                                   std::to_string(other.counts.unique) + ")"});
      pairs.emplace_back(cell, &other);
    }
    std::vector<std::string> metrics;
    for (const auto& [a, b] : pairs)
      for (const MetricValue& m : a->metrics)
        if (b->metric(m.name) && std::find(metrics.begin(), metrics.end(), m.name) == metrics.end())
          metrics.push_back(m.name);
    for (const std::string& name : metrics) {
      const bool higher = metric_higher_is_better(name);
      std::vector<double> worse;  // positive: the contender is worse
      double base_mean = 0, new_mean = 0;
      int lost = 0;  // finite in the base, not finite now: worse than any number
      for (const auto& [a, b] : pairs) {
        const MetricValue *x = a->metric(name), *y = b->metric(name);
        if (!x || !y) continue;
        if (std::isfinite(x->value) && !std::isfinite(y->value)) ++lost;
        worse.push_back(higher ? x->value - y->value : y->value - x->value);
        base_mean += x->value;
        new_mean += y->value;
      }
      if (worse.empty()) continue;
      const double count = static_cast<double>(worse.size());
      base_mean /= count;
      new_mean /= count;
      double mean = 0;
      for (const double w : worse) mean += w / count;
      double variance = 0;
      for (const double w : worse) variance += (w - mean) * (w - mean) / std::max(1.0, count - 1);
      double p = 1;
      if (mean > 0) {
        if (worse.size() < 2 || variance == 0)
          p = 0;
        else
          p = student_t_upper_tail(mean / std::sqrt(variance / count), count - 1);
      }
      if (lost > 0) {
        report.rows.push_back({group, name, base_mean, new_mean, static_cast<int>(worse.size()), 0,
                               true,
                               std::to_string(lost) + " cell(s) now give a non-finite value"});
        continue;
      }
      const bool regression = mean > options.tolerance && p < options.alpha;
      report.rows.push_back({group, name, base_mean, new_mean, static_cast<int>(worse.size()), p,
                             regression, mean < -options.tolerance ? "improved" : ""});
    }
    std::vector<double> base_times, new_times;
    for (const auto& [a, b] : pairs) {
      if (a->status != CellStatus::kOk || b->status != CellStatus::kOk) continue;
      base_times.push_back(a->algorithm_seconds);
      new_times.push_back(b->algorithm_seconds);
    }
    if (!base_times.empty()) {
      const double before = median(base_times), after = median(new_times);
      const bool slower = options.compare_times && after > options.time_ratio * before &&
                          after - before > options.time_floor_seconds;
      report.rows.push_back({group, "algorithm s", before, after,
                             static_cast<int>(base_times.size()), 1, slower,
                             slower                  ? "slower beyond the allowed ratio"
                             : options.compare_times ? ""
                                                     : "times not compared"});
    }
  }
  for (const GateRow& row : report.rows) report.regressions += row.regression ? 1 : 0;
  std::stable_sort(report.rows.begin(), report.rows.end(), [](const GateRow& a, const GateRow& b) {
    return natural_less(a.group, b.group);
  });
  return report;
}

std::string GateReport::table(bool all) const {
  std::vector<std::vector<std::string>> lines = {
      {"verdict", "group", "what", "base", "new", "pairs", "p", "note"}};
  for (const GateRow& row : rows)
    if (all || row.regression)
      lines.push_back({row.regression ? "REGRESSION" : "ok", row.group, row.what,
                       significant(row.base, 6), significant(row.contender, 6),
                       std::to_string(row.pairs), significant(row.p_value, 3), row.note});
  std::vector<std::size_t> widths(lines[0].size(), 0);
  for (const auto& line : lines)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  std::ostringstream out;
  if (lines.size() == 1) lines.clear();  // nothing to list: the count says it all
  for (const auto& line : lines) {
    for (std::size_t c = 0; c < line.size(); ++c)
      out << (c ? "  " : "") << line[c]
          << std::string(c + 1 < line.size() ? widths[c] - line[c].size() : 0, ' ');
    out << "\n";
  }
  out << rows.size() << " comparisons: "
      << (regressions ? std::to_string(regressions) + " regression(s)" : "no regressions")
      << (all ? "" : " (--all lists every comparison)") << "\n";
  return out.str();
}

}  // namespace spexbench
