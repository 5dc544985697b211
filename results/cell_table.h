// The cells of a results file as one table (schema 5 on; results/README.md): a column per field
// with one row per cell, and the parts whose length varies by cell (polynomials, masks, metrics,
// named entries) concatenated with per-cell offsets.
//
// Why a table: with a group per cell (schemas 1 to 4) a cell was about 20 HDF5 objects, and HDF5
// opens about 1,400 cells a second: reading 100,000 cells took 72 s and a merge of them 189 s. A
// table is the same few dozen datasets whatever the number of cells.
#pragma once

#include <functional>
#include <span>

#include "core/cell.h"
#include "results/hdf5_io.h"
#include "results/provenance.h"

namespace spexbench {

/// Writes `cells` as the table under `table`, its rows in id order. `writer` gives the code version
/// and host of cells that have none yet. Throws Error for two cells with one id.
void write_cell_table(const hdf5::Group& table, std::span<const CellResult* const> cells,
                      const Provenance& writer);

/// Checks the table under `table` and hands each of its cells, in id order, to `each`. Throws a
/// clear Error for a damaged table (columns of the wrong length, offsets out of order or past their
/// data, unknown names) before any cell is handed over. `schema`: the file's results schema (5 on);
/// fields a schema lacks keep their defaults.
void read_cell_table(const hdf5::Group& table, int schema,
                     const std::function<void(CellResult&&)>& each);

}  // namespace spexbench
