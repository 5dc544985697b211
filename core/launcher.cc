#include "core/launcher.h"

#include <cstdlib>
#include <initializer_list>
#include <string>

namespace spexbench {
namespace {

/// The first of `variables` that is set, as a number; `fallback` when none is set or the first
/// set one is not a number >= 0.
int first_count(std::initializer_list<const char*> variables, int fallback) {
  for (const char* variable : variables) {
    const char* value = std::getenv(variable);
    if (value == nullptr) continue;
    try {
      std::size_t used = 0;
      const int number = std::stoi(value, &used);
      return used == std::string(value).size() && number >= 0 ? number : fallback;
    } catch (const std::exception&) {
      return fallback;
    }
  }
  return fallback;
}

}  // namespace

bool started_by_mpi_launcher() {
  // Open MPI's mpirun, PMIx (Open MPI, Slurm's srun --mpi=pmix) and PMI-1/2 (MPICH, Slurm).
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(variable) != nullptr) return true;
  return false;
}

int launcher_world_size() {
  return first_count({"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_NTASKS"}, 0);
}

int launcher_local_rank() {
  return first_count({"OMPI_COMM_WORLD_LOCAL_RANK", "SLURM_LOCALID", "MPI_LOCALRANKID"}, 0);
}

}  // namespace spexbench
