// Masks drawn uniformly on {0,1}^n (i.i.d. bits), the design of the Banzhaf-family regressions,
// LASSO and LIME: `count` i.i.d. masks, or, when 2^n <= count and enumeration is allowed, every
// mask once (the full design, under which the regressions are exact).
#pragma once

#include <cstdint>

#include "core/mask.h"
#include "core/rng.h"

namespace spexbench::baselines {

[[nodiscard]] MaskBatch uniform_design(int n, std::int64_t count, Rng& rng, bool enumerate_if_fits);

}  // namespace spexbench::baselines
