// The provenance block stamped into the root of every results file (docs/architecture.md,
// "Results"): which code, built how, ran where, when, with which command line.
#pragma once

#include <map>
#include <string>

namespace spexbench {

struct Provenance {
  std::string spexbench_version;
  std::string git_describe;  ///< with "-dirty" when the tree had uncommitted changes
  bool git_dirty = false;
  std::string build_type;
  std::string compiler;
  std::string cxx_flags;
  std::map<std::string, std::string> dependencies;  ///< name -> version
  std::string host;
  std::string cpu;
  std::string gpu;           ///< "none" unless a task used one
  std::string mpi = "none";  ///< the MPI library and version of a run over MPI ranks
  int world_size = 1;        ///< the ranks of that run (1 without MPI)
  std::string started_utc;   ///< ISO 8601
  std::string command_line;

  /// This build and machine, now. Callers add dependency versions only they know (Boost in the
  /// CLI) to `dependencies`.
  [[nodiscard]] static Provenance collect(std::string command_line);
};

/// "2026-11-22T10:31:05Z"
[[nodiscard]] std::string utc_now_iso8601();

}  // namespace spexbench
