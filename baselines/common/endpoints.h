// The empty and the full coalition, which several baselines query first.
#pragma once

#include "core/oracle.h"

namespace spexbench::baselines {

struct Endpoints {
  double empty = 0;  ///< f(∅): everything ablated
  double full = 0;   ///< f(N): everything kept
};

/// Queries f(∅) and f(N) in one batch (2 queries).
[[nodiscard]] Endpoints query_endpoints(Oracle& oracle);

}  // namespace spexbench::baselines
