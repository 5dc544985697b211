// Shortened narrow-sense binary BCH codes, the source code of SPEX's query design
// (docs/spex.md, "Query design" and "Decoding").
//
// The code has length nc = 2^m - 1 and designed distance 2t + 1; its generator g(x) is the product
// of the distinct minimal polynomials of a^1..a^{2t}, of degree P = nc - kc. The parameter search
// takes the smallest m >= ceil(log2(2t + 2)) whose dimension kc is at least n, so P is exactly the
// reference implementation's. The code is shortened to n message positions, one per component.
//
// Systematic encoding puts message bit i at x^{P+i} and the parity bits at x^0..x^{P-1}:
//   parity(k) = sum_{i in k} (x^{P+i} mod g(x)),
// which is linear in k, so parity bit p of k is <d_p, k> for the delay d_p whose bit i is bit p of
// column(i). SPEX reads these parities off the signs of a singleton bin. Decoding the received word
// [0^n | parity] treats k itself as the error pattern: bounded-distance decoding (syndromes,
// Berlekamp-Massey, Chien search) recovers k whenever |k| + (wrong parity bits) <= t.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "algorithms/spex/galois_field.h"
#include "algorithms/spex/parity.h"

namespace spexbench::spex {

inline constexpr int kMaxCorrectable = 16;

class BchCode {
 public:
  /// Throws spexbench::Error when t is outside [1, 16] or n exceeds the largest shortened code
  /// with m <= 19 (naming the limit).
  BchCode(int n, int t);

  /// P for (n, t) without building the code (cyclotomic cosets only). Throws like the constructor.
  [[nodiscard]] static int parity_length(int n, int t);

  [[nodiscard]] int num_features() const { return n_; }
  [[nodiscard]] int correctable() const { return t_; }
  [[nodiscard]] int field_degree() const { return field_.degree(); }
  [[nodiscard]] int parity_bits() const { return p_; }

  /// x^{P+i} mod g(x): the parity pattern of the single component i.
  [[nodiscard]] const Parity& column(int i) const { return columns_[static_cast<std::size_t>(i)]; }
  /// Parity pattern of the frequency with ones at `features`.
  [[nodiscard]] Parity parity_of(std::span<const std::uint32_t> features) const;

  /// Syndromes S_1..S_2t of a received word [0^n | y].
  struct Syndromes {
    std::array<std::uint32_t, 2 * kMaxCorrectable> s{};
  };
  [[nodiscard]] Syndromes syndromes(const Parity& y) const;
  /// Updates syndromes for flipping received parity bit p.
  void flip(Syndromes& syndromes, int p) const;

  struct Decoded {
    std::vector<std::uint32_t> features;  ///< the decoded frequency k, sorted
    int errors = 0;                       ///< errors corrected (|k| + parity bits fixed)
  };
  /// Bounded-distance decoding; nullopt when the word is not within t errors of a codeword of
  /// the shortened code.
  [[nodiscard]] std::optional<Decoded> decode(const Syndromes& syndromes) const;
  [[nodiscard]] std::optional<Decoded> decode(const Parity& y) const {
    return decode(syndromes(y));
  }

 private:
  /// True when the monic locator splits into distinct linear factors over GF(2^m).
  [[nodiscard]] bool splits(std::span<const std::uint32_t> locator, int degree) const;

  int n_;
  int t_;
  GaloisField field_;
  int p_ = 0;
  std::vector<Parity> columns_;
};

}  // namespace spexbench::spex
