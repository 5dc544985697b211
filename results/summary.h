// Human-readable views of results: one cell in detail, many cells as a table.
#pragma once

#include <span>
#include <string>

#include "core/cell.h"

namespace spexbench {

/// A few lines describing one cell: status, queries, times, explanation size, metrics.
[[nodiscard]] std::string describe_cell(const CellResult& cell);

/// One row per (task, explainer, budget): cells ok / total, mean of r2, support_f1 and nmse where
/// present, mean queries and mean algorithm seconds. Rows sorted by task, explainer and budget.
[[nodiscard]] std::string summary_table(std::span<const CellResult> cells);

}  // namespace spexbench
