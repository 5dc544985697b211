// Performance across versions: one results file (or Google Benchmark JSON file) per version of the
// same suite, in order, and for each series (a cell group's metric, query count or algorithm time,
// or a micro benchmark's time) the steps between consecutive versions that lie beyond the noise
// each version's own spread shows.
//
// A step between versions t-1 and t is flagged
//  * for a metric, query count or share of cells ok of results files, when any cell (paired by id
//    across the versions) moved by more than `tolerance`: these are deterministic, a rerun of the
//    same code gives the same value (results/README.md says what is identical where), so their
//    within-version noise is nil and any change is real; it is worse when the mean moved the worse
//    way by more than `tolerance`;
//  * for a time, when the two versions' samples differ significantly, p < alpha / (versions - 1),
//    Bonferroni's bound over the series' steps, by the paired t-test over cells (so that the spread
//    between instances is not taken for noise) or Welch's test over a benchmark's repetitions, and
//    the means differ by more than `time_ratio` times and `time_floor_seconds`. Series of
//    exchangeable samples that are not times are tested as times are, against `tolerance`.
// A series regressed when its last step is flagged and goes the worse way.
#pragma once

#include <string>
#include <vector>

namespace spexbench {

struct HistoryOptions {
  double alpha = 0.01;
  double tolerance = 1e-6;
  /// Two runs of one build on a shared 2-core machine differed by up to 1.44x in micro benchmark
  /// times, however many repetitions each had: below 1.5x a time step is taken for that drift.
  double time_ratio = 1.5;
  /// Cells' algorithm times below this are dominated by timer and scheduling noise. Micro
  /// benchmarks time small kernels on purpose, with repetitions: no floor applies to them.
  double time_floor_seconds = 1e-3;
  /// Throws spexbench::Error naming the first option out of range.
  void validate() const;
};

struct SeriesPoint {
  std::vector<double> samples;  ///< empty: the series has no value at this version
  /// The cell id of each sample, where samples are cells: two versions' samples with the same id
  /// are paired. Empty for exchangeable samples (a benchmark's repetitions).
  std::vector<std::string> keys;
};

struct Series {
  std::string group;  ///< "task | explainer | budget", or a benchmark's name
  std::string what;   ///< metric name, "queries", "algorithm s", "real time s"
  bool higher_is_better = true;
  bool is_time = false;
  bool is_benchmark = false;        ///< a micro benchmark's time: no time floor
  std::vector<SeriesPoint> points;  ///< one per version, in order
};

struct Step {
  std::size_t version = 0;  ///< the step is from version - 1 to version
  double before = 0, after = 0;
  double p_value = 1;
  bool worse = false;
};

/// The flagged steps of one series.
[[nodiscard]] std::vector<Step> find_steps(const Series& series, const HistoryOptions& options);

struct Version {
  std::string label;  ///< code version and date, as the table names it
  std::string date;   ///< ISO 8601, the order of versions
  std::string file;
};

struct HistoryRow {
  const Series* series = nullptr;
  std::vector<Step> steps;
};

struct History {
  std::vector<Version> versions;
  std::vector<Series> series;
  std::vector<HistoryRow> moved;  ///< series with at least one flagged step
  int regressions = 0;            ///< series whose last step is flagged and worse
  /// Versions, then each moved series: its means in version order and its steps.
  [[nodiscard]] std::string table() const;
};

/// Steps of every series; `versions` and `series` must agree in length.
[[nodiscard]] History history_of(std::vector<Version> versions, std::vector<Series> series,
                                 const HistoryOptions& options);

/// The mean of each point ("-" where empty) with 3 significant digits, joined by " -> ".
[[nodiscard]] std::string series_means_text(const Series& series);

}  // namespace spexbench
