// The processes one suite run spans: the ranks of an MPI job (mpirun, srun), each running its
// share of the cells with its own --jobs threads. A plain run has none (nullptr) and runs alone.
//
// The suite runner needs only this much of MPI: who am I, gather a string from every rank, and a
// counter that deals cell indices to whichever rank asks next (rank 0 serves it from a thread, so
// that ranks with slow cells take fewer). MPI itself stays in rank_group_mpi.cc, which is built
// only where MPI is found (libopenmpi-dev).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace spexbench {

class RankGroup {
 public:
  virtual ~RankGroup() = default;

  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  /// The host this rank runs on, for messages and each cell's record.
  [[nodiscard]] virtual std::string host() const = 0;
  /// The MPI library and its version, for the results file's provenance ("Open MPI v4.1.4").
  [[nodiscard]] virtual std::string library() const = 0;

  /// Every rank's `value`, in rank order, on every rank (collective).
  [[nodiscard]] virtual std::vector<std::string> all_gather(const std::string& value) = 0;

  /// Starts dealing 0, 1, 2, ... (collective): from then on next_index() returns, on any rank and
  /// thread, an index no other call got. end_dealing() (collective) returns once every rank has
  /// called it; a rank calls it when it wants no more indices.
  virtual void begin_dealing() = 0;
  [[nodiscard]] virtual std::size_t next_index() = 0;
  virtual void end_dealing() = 0;
  /// Seconds this rank's next_index() calls have waited, all threads together: the scheduling
  /// overhead its cells paid.
  [[nodiscard]] virtual double dealing_seconds() const = 0;

  /// Ends every rank of the job at once, with this exit status: for an error on one rank that
  /// the others, waiting in a collective call, would never learn of.
  [[noreturn]] virtual void abort(int status) = 0;
};

/// The ranks of the MPI job this process was started in (MPI initialised for the caller's
/// lifetime of the result), or nullptr when no MPI launcher started it. Throws spexbench::Error
/// when a launcher started it but this build has no MPI: each rank would run the whole suite.
[[nodiscard]] std::unique_ptr<RankGroup> launched_rank_group();

}  // namespace spexbench
