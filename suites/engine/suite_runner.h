// Running a suite: its cells in parallel, each written as it finishes, resumable, one results
// file at the end.
//
// While a suite runs, every finished cell is written atomically to its own shard,
// OUT.cells/<cell id>.h5. A run that starts (again) reads the cells already in OUT and in the
// shards and runs only the missing ones, so a run killed at any point resumes where it stopped.
// When every cell is done the cells are merged into OUT (atomically) in cell-id order and the
// shards this run merged are removed (the folder too, once empty: other suites writing to the
// same OUT keep theirs). Cells already in OUT that the suite does not define are kept there. A
// shard that cannot be read is moved to OUT.quarantine/ and its cell runs again. The files and
// cache folder the cells name are checked before any cell runs. Cells are
// independent and seeded by their identity, so the merged file holds the same values (timings
// aside) for any --jobs and any interruption history.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "core/cell.h"
#include "results/provenance.h"
#include "suites/engine/suite.h"

namespace spexbench {

/// The most cells a suite runs at once. More than the CPUs pays off only for cells that wait
/// (external workers, GPUs); past this many, threads and memory run out before anything is gained.
inline constexpr int kMaxJobs = 256;

struct SuiteRunOptions {
  std::filesystem::path out;  ///< the results file; its folder must exist
  int jobs = 1;               ///< cells run at the same time, 1..kMaxJobs
  bool progress_bar = false;  ///< a redrawn bar with ETA (terminals) instead of one line per cell
};

struct SuiteRunReport {
  std::vector<CellResult> cells;  ///< every cell of the suite, in cell-id order
  int ran = 0;                    ///< cells run by this invocation
  int resumed = 0;                ///< cells found done (shards or an earlier complete file)
  int failed = 0;                 ///< cells with status error or budget_exceeded
  int kept = 0;  ///< cells of OUT this suite does not define, kept in it (not in `cells`)
};

/// Runs the missing cells of `suite` and writes OUT. Progress goes to `log`.
[[nodiscard]] SuiteRunReport run_suite(const Suite& suite, const SuiteRunOptions& options,
                                       const Provenance& provenance, std::ostream& log);

/// The shard folder of a results file: OUT.cells.
[[nodiscard]] std::filesystem::path shard_folder(const std::filesystem::path& out);

}  // namespace spexbench
