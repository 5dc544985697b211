// What the environment says about the launcher that started this process: an MPI launcher
// (mpirun, srun with PMI/PMIx) sets variables naming the job's size and each process's place in
// it. The suite runner reads them to decide whether it is one rank of many; the LLM tasks read the
// local rank to pick a GPU (device=auto).
#pragma once

namespace spexbench {

/// True when the environment shows an MPI launcher (mpirun, srun with PMI/PMIx) started this
/// process.
[[nodiscard]] bool started_by_mpi_launcher();

/// The number of processes the launcher started, from its environment; 0 when it does not say.
[[nodiscard]] int launcher_world_size();

/// This process's index among those the launcher started on the same machine: Open MPI's
/// OMPI_COMM_WORLD_LOCAL_RANK, Slurm's SLURM_LOCALID, MPICH's MPI_LOCALRANKID; 0 when none is
/// set (a plain run) or one is not a number >= 0.
[[nodiscard]] int launcher_local_rank();

}  // namespace spexbench
