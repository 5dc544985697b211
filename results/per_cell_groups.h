// Reading files of results schemas 1 to 4, where each cell is an HDF5 group of its own: straight
// under /cells (schemas 1 to 3) or in buckets /cells/<first 3 id characters>/<id> (schema 4).
// Files are written as a table since schema 5 (results/cell_table.h); these still read.
#pragma once

#include <functional>

#include "core/cell.h"
#include "results/hdf5_io.h"

namespace spexbench {

/// Hands each cell under `cells`, a group of a file of `schema_version` 1 to 4, to `each`, in id
/// order.
void read_per_cell_groups(const hdf5::Group& cells, int schema_version,
                          const std::function<void(CellResult&&)>& each);

}  // namespace spexbench
