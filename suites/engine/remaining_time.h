// The ETA of a suite run. Cells differ in cost by orders of magnitude (a suite runs budgets from
// hundreds to tens of thousands of queries, and explainers from milliseconds to minutes a cell),
// so the mean time of the cells done so far, times the cells left, is far off while the cheap
// cells run first. Here a cell's cost is taken as proportional to its budget, at a rate learnt per
// explainer from its finished cells.
#pragma once

#include <cstddef>
#include <vector>

#include "core/cell.h"

namespace spexbench {

class RemainingTime {
 public:
  /// `cells`: the cells this run will execute; `jobs`: how many run at the same time.
  RemainingTime(const std::vector<const CellSpec*>& cells, int jobs);

  /// Cell `index` (into `cells`) finished after `wall_seconds`.
  void finished(std::size_t index, double wall_seconds);

  /// Seconds until the unfinished cells are done: each costs its budget times its explainer's
  /// seconds per budget unit (the rate over every finished cell for an explainer with none
  /// finished yet), shared among the jobs. 0 before any cell has finished. Its cost grows
  /// with the number of explainers, not of cells (suites run thousands).
  [[nodiscard]] double seconds() const;

 private:
  struct Rate {
    double seconds = 0;
    double budget = 0;
  };
  struct Explainer {
    Rate done;               ///< over its finished cells
    double budget_left = 0;  ///< summed over its unfinished cells
  };
  std::vector<Explainer> explainers_;
  std::vector<std::size_t> explainer_of_;  ///< per cell, into explainers_
  std::vector<double> budget_;
  std::vector<bool> finished_;
  std::size_t cells_left_;
  Rate overall_;
  std::size_t jobs_;
};

}  // namespace spexbench
