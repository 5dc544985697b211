#include "results/cell_groups.h"

#include <map>

namespace spexbench {

std::string CellGroupKey::text() const {
  return task + " | " + explainer + " | " + std::to_string(budget);
}

std::vector<CellGroup> group_cells(std::span<const CellResult> cells) {
  std::vector<CellGroup> groups;
  std::map<CellGroupKey, std::size_t> index;
  for (const CellResult& cell : cells) {
    CellGroupKey key{cell.spec.task, cell.spec.explainer, cell.spec.budget};
    const auto [it, added] = index.try_emplace(key, groups.size());
    if (added) groups.push_back({std::move(key), {}});
    groups[it->second].cells.push_back(&cell);
  }
  return groups;
}

}  // namespace spexbench
