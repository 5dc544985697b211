#include "baselines/common/uniform_design.h"

namespace spexbench::baselines {

MaskBatch uniform_design(int n, std::int64_t count, Rng& rng, bool enumerate_if_fits) {
  if (enumerate_if_fits && n <= 30 && (std::int64_t{1} << n) <= count)
    return enumerate_masks(n, 0, std::size_t{1} << n);
  return uniform_masks(static_cast<std::size_t>(count), n, rng);
}

}  // namespace spexbench::baselines
