// Whether two results files hold the same results, bit for bit, times aside: the check that a
// suite run across MPI ranks, with other --jobs, or resumed after a kill equals a plain run.
//
// Cells are matched by id. Compared: presence in both files, status and error, query counts
// (total, unique, batches, cache hits, evaluation queries), every metric value (bitwise; NaN equals
// NaN), the estimate's terms and coefficients, and the explainer's and task's info except entries
// named *_seconds. Not compared: algorithm and wall time, the code version, and the order of cells.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/cell.h"

namespace spexbench {

/// Up to `limit` differences, each a line naming the cell; empty when the files are identical.
[[nodiscard]] std::vector<std::string> cell_differences(std::span<const CellResult> base,
                                                        std::span<const CellResult> contender,
                                                        std::size_t limit = 20);

}  // namespace spexbench
