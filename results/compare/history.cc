#include "results/compare/history.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>
#include <string_view>

#include "core/error.h"
#include "results/number_text.h"
#include "results/statistics/distributions.h"

namespace spexbench {
namespace {

double mean_of(const std::vector<double>& values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// Sample variance (n - 1); 0 for a single value.
double variance_of(const std::vector<double>& values, double mean) {
  if (values.size() < 2) return 0;
  double sum = 0;
  for (const double v : values) sum += (v - mean) * (v - mean);
  return sum / static_cast<double>(values.size() - 1);
}

/// Welch's two-sided p-value; 0 or 1 where neither sample shows spread.
double welch_p_value(const std::vector<double>& a, const std::vector<double>& b) {
  const double ma = mean_of(a), mb = mean_of(b);
  const double va = variance_of(a, ma) / static_cast<double>(a.size());
  const double vb = variance_of(b, mb) / static_cast<double>(b.size());
  if (va + vb == 0) return ma == mb ? 1 : 0;
  if (a.size() < 2 || b.size() < 2) return 1;  // one side's spread is unknown: no evidence
  const double t = std::abs(ma - mb) / std::sqrt(va + vb);
  const double dof =
      (va + vb) * (va + vb) /
      (va * va / static_cast<double>(a.size() - 1) + vb * vb / static_cast<double>(b.size() - 1));
  return std::min(1.0, 2 * student_t_upper_tail(t, dof));
}

/// The differences of the samples of `b` from those of `a` with the same key.
std::vector<double> paired_differences(const SeriesPoint& a, const SeriesPoint& b) {
  std::map<std::string_view, double> first;
  for (std::size_t i = 0; i < a.keys.size(); ++i) first.emplace(a.keys[i], a.samples[i]);
  std::vector<double> differences;
  for (std::size_t i = 0; i < b.keys.size(); ++i)
    if (const auto it = first.find(b.keys[i]); it != first.end())
      differences.push_back(b.samples[i] - it->second);
  return differences;
}

/// The paired t-test's two-sided p-value; 1 without pairs, 0 or 1 where the differences show no
/// spread.
double paired_p_value(const std::vector<double>& differences) {
  if (differences.empty()) return 1;
  const double mean = mean_of(differences);
  const double variance = variance_of(differences, mean);
  if (variance == 0) return mean == 0 ? 1 : 0;
  const double n = static_cast<double>(differences.size());
  return std::min(1.0, 2 * student_t_upper_tail(std::abs(mean) / std::sqrt(variance / n), n - 1));
}

}  // namespace

void HistoryOptions::validate() const {
  SPEXBENCH_CHECK(alpha > 0 && alpha < 1, "history: --alpha must lie in (0, 1), got ", alpha);
  SPEXBENCH_CHECK(std::isfinite(tolerance) && tolerance >= 0,
                  "history: --tolerance must be a finite number >= 0, got ", tolerance);
  SPEXBENCH_CHECK(std::isfinite(time_ratio) && time_ratio >= 1,
                  "history: --time-ratio must be a finite number >= 1, got ", time_ratio);
  SPEXBENCH_CHECK(std::isfinite(time_floor_seconds) && time_floor_seconds >= 0,
                  "history: --time-floor must be a finite number >= 0, got ", time_floor_seconds);
}

std::vector<Step> find_steps(const Series& series, const HistoryOptions& options) {
  std::vector<Step> steps;
  const std::size_t count = series.points.size();
  if (count < 2) return steps;
  const double threshold = options.alpha / static_cast<double>(count - 1);
  for (std::size_t t = 1; t < count; ++t) {
    const SeriesPoint &first = series.points[t - 1], &second = series.points[t];
    if (first.samples.empty() || second.samples.empty()) continue;
    const bool paired = !first.keys.empty() && !second.keys.empty();
    Step step{t, mean_of(first.samples), mean_of(second.samples), 1, false};
    if (paired && !series.is_time) {
      const std::vector<double> differences = paired_differences(first, second);
      if (std::none_of(differences.begin(), differences.end(),
                       [&](double d) { return std::abs(d) > options.tolerance; }))
        continue;
      step.p_value = 0;
      const double moved = mean_of(differences);
      step.worse = series.higher_is_better ? moved < -options.tolerance : moved > options.tolerance;
      steps.push_back(step);
      continue;
    }
    step.p_value = paired ? paired_p_value(paired_differences(first, second))
                          : welch_p_value(first.samples, second.samples);
    const double change = std::abs(step.after - step.before);
    const bool large = series.is_time
                           ? (series.is_benchmark || change > options.time_floor_seconds) &&
                                 std::max(step.after, step.before) >
                                     options.time_ratio * std::min(step.after, step.before)
                           : change > options.tolerance;
    if (!large || step.p_value >= threshold) continue;
    step.worse = series.higher_is_better ? step.after < step.before : step.after > step.before;
    steps.push_back(step);
  }
  return steps;
}

std::string series_means_text(const Series& series) {
  std::string text;
  for (std::size_t t = 0; t < series.points.size(); ++t) {
    if (t) text += " -> ";
    const auto& samples = series.points[t].samples;
    text += samples.empty() ? "-" : significant(mean_of(samples), 3);
  }
  return text;
}

History history_of(std::vector<Version> versions, std::vector<Series> series,
                   const HistoryOptions& options) {
  options.validate();
  History history{std::move(versions), std::move(series), {}, 0};
  for (const Series& s : history.series) {
    SPEXBENCH_CHECK(s.points.size() == history.versions.size(), "history: series '", s.group, " ",
                    s.what, "' has ", s.points.size(), " points for ", history.versions.size(),
                    " versions");
    std::vector<Step> steps = find_steps(s, options);
    if (steps.empty()) continue;
    if (steps.back().version + 1 == history.versions.size() && steps.back().worse)
      ++history.regressions;
    history.moved.push_back({&s, std::move(steps)});
  }
  return history;
}

std::string History::table() const {
  std::ostringstream out;
  out << "versions, oldest first:\n";
  for (std::size_t v = 0; v < versions.size(); ++v)
    out << "  v" << v + 1 << "  " << versions[v].label << "  " << versions[v].file << "\n";
  out << "\n";
  for (const HistoryRow& row : moved) {
    out << row.series->group << " | " << row.series->what << ": " << series_means_text(*row.series)
        << "\n";
    for (const Step& step : row.steps) {
      const bool last = step.version + 1 == versions.size();
      out << "  step at v" << step.version + 1 << ": " << significant(step.before, 4) << " -> "
          << significant(step.after, 4) << " (p " << significant(step.p_value, 2) << ") "
          << (step.worse ? "worse" : "better")
          << (last && step.worse ? ", REGRESSION in the newest version" : "") << "\n";
    }
  }
  out << series.size() << " series over " << versions.size() << " versions: " << moved.size()
      << " moved, " << regressions << " regressed in the newest version\n";
  return out.str();
}

}  // namespace spexbench
