// SPEX's structured queries (docs/spex.md, "Query design").
//
// C groups, each with a uniformly random binary matrix M_c in F2^{n x b}, and P + 1 delays: d_0 = 0
// and d_p (bit i = parity bit p of component i in the BCH code). Group c queries
//   m = M_c l  xor  d_p     for p = 0..P and every l in F2^b,
// i.e. C (P + 1) 2^b masks in all. l is read as an integer whose bit r multiplies column r of M_c.
// By aliasing, the size-2^b Walsh-Hadamard transform over l of the values for one (c, p) gives the
// bins U_{c,p}(j) = sum_{k : M_c^T k = j} (-1)^{<d_p, k>} F(k).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/spex/bch_code.h"
#include "core/mask.h"
#include "core/rng.h"

namespace spexbench::spex {

class QueryDesign {
 public:
  /// Draws the C matrices from `rng`.
  QueryDesign(const BchCode& code, int b, int groups, Rng& rng);

  [[nodiscard]] int groups() const { return groups_; }
  [[nodiscard]] int b() const { return b_; }
  [[nodiscard]] std::size_t bins_per_group() const { return std::size_t{1} << b_; }
  /// Delays including d_0: P + 1.
  [[nodiscard]] int delays() const { return code_.parity_bits() + 1; }
  /// C (P + 1) 2^b.
  [[nodiscard]] std::int64_t total_queries() const {
    return static_cast<std::int64_t>(groups_) * delays() *
           static_cast<std::int64_t>(bins_per_group());
  }

  /// The masks of group c, delay-major: row p * 2^b + l is M_c l xor d_p.
  [[nodiscard]] MaskBatch group_masks(int c) const {
    MaskBatch masks;
    group_masks(c, 0, delays(), masks);
    return masks;
  }
  /// The rows of group_masks(c) for delays first..first + count - 1, so that a large n can be
  /// queried in parts (a group is (P + 1) 2^b masks of n bits: 1.6 GB at n = 524,192, b = 8).
  /// `out` is overwritten, and its memory reused when it already has the right shape: a fresh
  /// batch per part would spend more time zeroing and faulting in pages than building masks.
  void group_masks(int c, int first, int count, MaskBatch& out) const;
  /// The bin of frequency k in group c: M_c^T k as an integer.
  [[nodiscard]] std::uint32_t bin_of(int c, std::span<const std::uint32_t> features) const;

 private:
  const BchCode& code_;
  int b_;
  int groups_;
  std::vector<std::vector<std::uint32_t>> rows_;  // rows_[c][i]: row i of M_c, b bits
};

}  // namespace spexbench::spex
