// Seeded randomness (docs/architecture.md, "Determinism"). Every random stream in the suite is an
// Rng seeded by derive_seed(master seed, cell identity...). There is no global generator and no
// std::random_device, and the few distributions we need are written here because the standard
// library's distributions differ between toolchains.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace spexbench {

/// The splitmix64 finalizer: a bijective 64-bit mixer (Steele, Lea, Flood 2014).
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// 64-bit FNV-1a of a byte string; only used to fold names into seeds.
[[nodiscard]] constexpr std::uint64_t fnv1a64(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// Seed of a named sub-stream: derive_seed(master, "task", spec, instance). Each part (a string
/// or an integer) is folded in with splitmix64, so different identities give independent streams
/// and the same identity always gives the same seed, whatever the schedule.
template <class... Parts>
[[nodiscard]] std::uint64_t derive_seed(std::uint64_t master, const Parts&... parts) {
  std::uint64_t h = splitmix64(master);
  auto fold = [&h](const auto& part) {
    using T = std::decay_t<decltype(part)>;
    if constexpr (std::is_integral_v<T>) {
      h = splitmix64(h ^ splitmix64(static_cast<std::uint64_t>(part) + 0x51ed270b27a1f3c1ULL));
    } else {
      h = splitmix64(h ^ fnv1a64(std::string_view(part)));
    }
  };
  (fold(parts), ...);
  return h;
}

/// splitmix64 used as a generator: passes BigCrush, one add and a mix per draw, 8 bytes of state.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, bound), bound >= 1, without modulo bias (Lemire 2019).
  std::uint64_t below(std::uint64_t bound);
  /// Standard normal by the Marsaglia polar method (deterministic given the stream).
  double normal();
  bool coin() { return (next() >> 63) != 0; }
  /// k distinct integers from [0, bound), in the order drawn (k <= bound).
  std::vector<std::uint32_t> sample_without_replacement(std::uint32_t bound, std::uint32_t k);

 private:
  std::uint64_t state_;
};

}  // namespace spexbench
