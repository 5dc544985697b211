// A cell as bytes: the record a shard log (results/shard_log.h) appends for each finished cell.
// It holds what the table of a results file holds (results/cell_fields.h and cell_table.h), so a
// cell read back from a record and written to a results file is the cell a results file would
// have held all along. Little-endian, lengths before contents; results/README.md ("Shard logs")
// gives the layout.
#pragma once

#include <span>
#include <string>

#include "core/cell.h"
#include "results/provenance.h"

namespace spexbench {

/// Version of the record layout: 2 since results schema 6 (the estimate's index), 1 before. A
/// version-1 record still reads (its cells' estimates are surrogates); another is an error, not a
/// guess.
inline constexpr std::uint32_t kCellRecordVersion = 2;

/// The bytes of `cell`. `writer` gives the code version and host of a cell that has none yet.
[[nodiscard]] std::string encode_cell(const CellResult& cell, const Provenance& writer);

/// The cell of `bytes` (one whole record, encode_cell). Throws a clear Error for bytes that are
/// not one: short, too long, out of range or inconsistent (a polynomial's terms, masks and values
/// of different sizes); nothing is allocated beyond what the bytes hold.
[[nodiscard]] CellResult decode_cell(std::span<const char> bytes);

}  // namespace spexbench
