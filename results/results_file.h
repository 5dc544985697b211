// Results files: HDF5, schema documented in results/README.md.
//
// A file holds a provenance block and any number of cells, as one table under /cells
// (results/cell_table.h).
// `spexbench run` with one task and explainer writes a file with one cell; a suite writes one file
// with all its cells. Files are written to a temporary name in the same folder and renamed into
// place, so a crash leaves either the old file or the new one, never a partial file.
#pragma once

#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "core/cell.h"
#include "results/provenance.h"

namespace spexbench {

/// Version of the layout described in results/README.md; bumped on any incompatible change.
inline constexpr int kResultsSchemaVersion = 6;

struct ResultsFile {
  int schema_version = kResultsSchemaVersion;
  Provenance provenance;
  std::vector<CellResult> cells;
};

/// Writes atomically (temporary file + rename). Throws spexbench::Error when the folder does not
/// exist or cannot be written; the previous file, if any, is left untouched.
void write_results(const std::filesystem::path& path, const Provenance& provenance,
                   std::span<const CellResult> cells);

/// Adds `cells` to the results file at `path`, created when missing: a cell with the id of one
/// already there replaces it, and every other cell there is kept. The file's provenance becomes
/// `provenance`. Atomic like write_results, and safe against other processes adding to the same
/// file at the same time (they take turns). Returns the number of cells the file now holds.
///
/// `move_in` names other results files or shard logs (results/shard_log.h) whose cells are added
/// first and which are removed once the file is written, all under the same lock. One that is gone
/// by then was moved in by another process, which may have had its cells changed since: it is
/// skipped, so a cell deleted meanwhile does not come back.
std::size_t add_to_results(const std::filesystem::path& path, const Provenance& provenance,
                           std::span<const CellResult> cells,
                           std::span<const std::filesystem::path> move_in = {});

/// Reads a whole file. Throws for missing, corrupt or truncated files and for files written with a
/// newer schema than this build understands.
[[nodiscard]] ResultsFile read_results(const std::filesystem::path& path);

/// Reads the file, lets `change` edit it, and writes it back when `change` returns true, all under
/// the lock add_to_results takes: a run adding cells meanwhile waits instead of losing them.
void update_results(const std::filesystem::path& path,
                    const std::function<bool(ResultsFile&)>& change);

/// Throws unless `path` names a file that can be created: its folder must exist and be writable.
void check_output_path(const std::filesystem::path& path);

}  // namespace spexbench
