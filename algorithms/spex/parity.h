// A pattern of up to kMaxParityBits parity bits, packed: the BCH parity of a frequency k, i.e. the
// signs (-1)^{<d_p, k>} of its coefficient under the P delays (bit p-1 <-> delay p; delay 0 is
// the zero offset and has no bit).
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace spexbench::spex {

inline constexpr int kMaxParityBits = 320;  // t <= 16 at m <= 19 needs at most 304

struct Parity {
  std::array<std::uint64_t, kMaxParityBits / 64> words{};

  [[nodiscard]] bool get(int p) const { return (words[p / 64] >> (p % 64)) & 1U; }
  void set(int p) { words[p / 64] |= std::uint64_t{1} << (p % 64); }
  void flip(int p) { words[p / 64] ^= std::uint64_t{1} << (p % 64); }
  Parity& operator^=(const Parity& other) {
    for (std::size_t w = 0; w < words.size(); ++w) words[w] ^= other.words[w];
    return *this;
  }
  [[nodiscard]] int count() const {
    int c = 0;
    for (const auto w : words) c += std::popcount(w);
    return c;
  }
  friend bool operator==(const Parity&, const Parity&) = default;
};

}  // namespace spexbench::spex
