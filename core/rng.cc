#include "core/rng.h"

#include <cmath>
#include <unordered_set>

#include "core/error.h"

namespace spexbench {

std::uint64_t Rng::below(std::uint64_t bound) {
  SPEXBENCH_ASSERT(bound >= 1);
  __uint128_t m = static_cast<__uint128_t>(next()) * bound;
  auto low = static_cast<std::uint64_t>(m);
  if (low < bound) {
    const std::uint64_t threshold = (0 - bound) % bound;
    while (low < threshold) {
      m = static_cast<__uint128_t>(next()) * bound;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double Rng::normal() {
  // Polar method, one of the pair returned: keeps the stream position independent of callers.
  while (true) {
    const double u = uniform(-1.0, 1.0);
    const double v = uniform(-1.0, 1.0);
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

std::vector<std::uint32_t> Rng::sample_without_replacement(std::uint32_t bound, std::uint32_t k) {
  SPEXBENCH_ASSERT(k <= bound, "cannot draw ", k, " distinct values below ", bound);
  std::vector<std::uint32_t> out;
  out.reserve(k);
  if (static_cast<std::uint64_t>(k) * 4 >= bound) {
    // Dense: partial Fisher-Yates over the whole range.
    std::vector<std::uint32_t> all(bound);
    for (std::uint32_t i = 0; i < bound; ++i) all[i] = i;
    for (std::uint32_t i = 0; i < k; ++i) {
      const auto j = i + static_cast<std::uint32_t>(below(bound - i));
      std::swap(all[i], all[j]);
      out.push_back(all[i]);
    }
    return out;
  }
  std::unordered_set<std::uint32_t> seen;
  while (out.size() < k) {
    const auto x = static_cast<std::uint32_t>(below(bound));
    if (seen.insert(x).second) out.push_back(x);
  }
  return out;
}

}  // namespace spexbench
