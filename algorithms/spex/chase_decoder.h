// Soft-decision decoding of a SPEX bin by the Chase algorithm (docs/spex.md, "Decoding").
//
// Input: one reliability per parity bit, s_p = U_p U_0 (the sign of U_p relative to U_0, weighted
// by its magnitude; any positive rescaling of U_p / U_0 gives the same decisions). A negative s_p
// reads as parity bit 1.
//  1. Hard-decode the signs; done if that succeeds.
//  2. Otherwise take the `depth` least reliable positions and try the K = depth (depth + 1) / 2
//     flip patterns over them of smallest total cost sum |s_p|, in ascending cost (the first being
//     the empty pattern), hard-decoding each.
//  3. Among the successful, distinct decodings keep the one with the fewest corrected errors, ties
//     to the cheaper pattern.
// When nothing decodes, the result is the uncorrected word's message part, the empty frequency
// (as in the reference, whose bin verification then usually rejects it).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "algorithms/spex/bch_code.h"

namespace spexbench::spex {

/// Indices of the subsets of {0..costs.size()-1} with the `count` smallest sums of `costs`
/// (sorted ascending), as bit masks, in nondecreasing order of sum; ties by mask value. The empty
/// set comes first. Requires costs.size() <= 63.
[[nodiscard]] std::vector<std::uint64_t> smallest_subset_sums(std::span<const double> costs,
                                                              std::size_t count);

class ChaseDecoder {
 public:
  ChaseDecoder(const BchCode& code, int depth);
  /// `reliability` has code.parity_bits() entries. Returns the decoded frequency; `errors` is -1
  /// when nothing decoded.
  [[nodiscard]] BchCode::Decoded decode(std::span<const double> reliability) const;

 private:
  const BchCode& code_;
  int depth_;
};

/// Hard decision: parity bit p is 1 when reliability[p] < 0.
[[nodiscard]] Parity hard_decision(std::span<const double> reliability);

}  // namespace spexbench::spex
