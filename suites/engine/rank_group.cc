#include "suites/engine/rank_group.h"

#include <cstdlib>
#include <string>

namespace spexbench {

bool started_by_mpi_launcher() {
  // Open MPI's mpirun, PMIx (Open MPI, Slurm's srun --mpi=pmix) and PMI-1/2 (MPICH, Slurm).
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

int launcher_world_size() {
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"}) {
    const char* value = std::getenv(variable);
    if (value == nullptr) continue;
    try {
      return std::stoi(value);
    } catch (const std::exception&) {
      return 0;
    }
  }
  return 0;
}

}  // namespace spexbench
