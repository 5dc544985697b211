// Running a suite: its cells in parallel, each written as it finishes, resumable, one results
// file at the end.
//
// While a suite runs, every finished cell is appended, checksummed and synced, to this process's
// shard log in OUT.cells/ (results/shard_log.h). A run that starts (again) reads the cells already
// in OUT and in the shard logs and runs only the missing ones, so a run killed at any point
// resumes where it stopped (a record cut short by the kill is left out and its cell runs again).
// When every cell is done the cells are merged into OUT (atomically) in cell-id order and the
// logs this run merged are removed (the folder too, once empty: other suites writing to the same
// OUT keep theirs, and a log another live process still appends to stays its writer's). Cells
// already in OUT that the suite does not define are kept there. A shard log that cannot be read is
// moved to OUT.quarantine/ and its cells run again; the one-cell shards (<id>.h5) of earlier
// builds are read too. The files and cache folder the cells name are checked before any cell
// runs. Cells are independent and seeded by their identity, so the merged file holds the same
// values (timings aside) for any --jobs and any interruption history.
//
// Across the ranks of an MPI job (options.ranks): every rank expands the suite and checks that it
// got the same cells; rank 0 finds what is done and checks that every rank sees the shard folder
// (it must be on a filesystem they share); cells are then dealt one at a time to whichever rank
// asks, each rank appending to its own shard log; rank 0 reads the logs and merges. A rank killed
// mid-suite ends the job (mpirun), and a rerun resumes from the logs, so the file equals a
// single-process run's.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <vector>

#include "core/cell.h"
#include "results/provenance.h"
#include "suites/engine/rank_group.h"
#include "suites/engine/suite.h"

namespace spexbench {

/// The most cells a suite runs at once. More than the CPUs pays off only for cells that wait
/// (external workers, GPUs); past this many, threads and memory run out before anything is gained.
inline constexpr int kMaxJobs = 256;

struct SuiteRunOptions {
  std::filesystem::path out;   ///< the results file; its folder must exist
  int jobs = 1;                ///< cells run at the same time, 1..kMaxJobs
  bool progress_bar = false;   ///< a redrawn bar with ETA (terminals) instead of one line per cell
  RankGroup* ranks = nullptr;  ///< the MPI job's ranks sharing the cells; nullptr: this process
};

struct SuiteRunReport {
  std::vector<CellResult> cells;  ///< every cell of the suite, in cell-id order
  int ran = 0;                    ///< cells run by this invocation
  int resumed = 0;                ///< cells found done (shard logs or an earlier complete file)
  int failed = 0;                 ///< cells with status error or budget_exceeded
  int kept = 0;        ///< cells of OUT this suite does not define, kept in it (not in `cells`)
  bool merged = true;  ///< false on ranks other than 0, which leave the merge and `cells` to it
};

/// Runs the missing cells of `suite` and writes OUT. Progress goes to `log`.
[[nodiscard]] SuiteRunReport run_suite(const Suite& suite, const SuiteRunOptions& options,
                                       const Provenance& provenance, std::ostream& log);

/// The shard folder of a results file: OUT.cells.
[[nodiscard]] std::filesystem::path shard_folder(const std::filesystem::path& out);

}  // namespace spexbench
