// The regression gate: two results files of the same suite, cells matched by their content id.
//
// A regression is any of:
//  * a cell of the base missing from the new file, or ok in the base and not ok in the new one;
//  * a cell whose query count (total or unique) changed;
//  * a metric finite in the base and NaN or infinite in the new file;
//  * a metric worse on average, per (task, explainer, budget), by more than `tolerance` and
//    significantly so by a one-sided paired t-test at `alpha` (a group of one cell: tolerance only;
//    identical differences count as significant);
//  * a median algorithm time that grew by more than `time_ratio` and `time_floor_seconds`
//    (unless `compare_times` is off: files from different machines or build types).
// Improvements are reported, never gate.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/cell.h"

namespace spexbench {

struct GateOptions {
  double tolerance = 1e-6;           ///< metric worsening ignored below this (in the metric's unit)
  double alpha = 0.05;               ///< significance of the paired test
  double time_ratio = 3.0;           ///< algorithm time may grow by this factor ...
  double time_floor_seconds = 0.05;  ///< ... and this many seconds before it is a regression
  bool compare_times = true;         ///< off: times are listed, never a regression

  /// Throws spexbench::Error naming the first option out of range (compare_results calls it).
  void validate() const;
};

struct GateRow {
  std::string group;  ///< "task | explainer | budget"
  std::string what;   ///< metric name, "queries", "status", "algorithm s"
  double base = 0, contender = 0;
  int pairs = 0;
  double p_value = 1;
  bool regression = false;
  std::string note;
};

struct GateReport {
  std::vector<GateRow> rows;
  int regressions = 0;
  /// The regressions as an aligned table (every comparison with `all`), then a count line.
  [[nodiscard]] std::string table(bool all = false) const;
};

[[nodiscard]] GateReport compare_results(std::span<const CellResult> base,
                                         std::span<const CellResult> contender,
                                         const GateOptions& options);

}  // namespace spexbench
