// Cells grouped by what they compare: (task, explainer, budget). Instances, seeds and repetitions
// of one such triple are the samples a summary averages, a leaderboard ranks and the regression
// gate pairs.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/cell.h"

namespace spexbench {

struct CellGroupKey {
  std::string task, explainer;
  std::int64_t budget = 0;
  auto operator<=>(const CellGroupKey&) const = default;
  /// "task | explainer | budget", as reports name a group.
  [[nodiscard]] std::string text() const;
};

struct CellGroup {
  CellGroupKey key;
  std::vector<const CellResult*> cells;  ///< in the order given
};

/// The groups of `cells`, in order of each group's first cell; O(cells log groups).
[[nodiscard]] std::vector<CellGroup> group_cells(std::span<const CellResult> cells);

}  // namespace spexbench
