// launched_rank_group for a build without MPI: a plain process, or a clear refusal under mpirun.
#include "core/error.h"
#include "core/launcher.h"
#include "suites/engine/rank_group.h"

namespace spexbench {

std::unique_ptr<RankGroup> launched_rank_group() {
  SPEXBENCH_CHECK(launcher_world_size() <= 1, "an MPI launcher started ", launcher_world_size(),
                  " copies of this spexbench, but it was built without MPI: every one would run "
                  "the whole suite. Install libopenmpi-dev and build again, or run one process");
  return nullptr;
}

}  // namespace spexbench
