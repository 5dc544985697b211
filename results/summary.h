// Human-readable views of results: one cell in detail, many cells as a table.
#pragma once

#include <span>
#include <string>

#include "core/cell.h"

namespace spexbench {

/// A few lines describing one cell: status, queries, times, explanation size, metrics.
[[nodiscard]] std::string describe_cell(const CellResult& cell);

/// One row per (task, explainer, budget): cells ok / total, mean of r2, support_f1 and nmse where
/// present, mean queries and mean algorithm seconds (3 significant digits). Rows sorted by task
/// and budget, and ranked within them by mean R^2. Then one note per reason cells did not succeed
/// (status and message), with how many cells and the first groups it struck.
[[nodiscard]] std::string summary_table(std::span<const CellResult> cells);

}  // namespace spexbench
