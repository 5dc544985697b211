// Arithmetic in GF(2^m), 2 <= m <= 19, by log/antilog tables over a fixed primitive polynomial.
//
// Elements are integers below 2^m in the polynomial basis (bit i = coefficient of a^i, a the
// primitive element). Which primitive polynomial defines the field does not matter for SPEX: any
// one gives an equivalent BCH code (docs/spex.md, "Query design").
#pragma once

#include <cstdint>
#include <vector>

namespace spexbench::spex {

class GaloisField {
 public:
  static constexpr int kMaxDegree = 19;

  /// Throws spexbench::Error for m outside [2, 19].
  explicit GaloisField(int m);

  [[nodiscard]] int degree() const { return m_; }
  /// Multiplicative group order 2^m - 1.
  [[nodiscard]] std::uint32_t order() const { return order_; }

  [[nodiscard]] std::uint32_t mul(std::uint32_t a, std::uint32_t b) const {
    if (a == 0 || b == 0) return 0;
    return exp_[log_[a] + log_[b]];
  }
  [[nodiscard]] std::uint32_t inv(std::uint32_t a) const { return exp_[order_ - log_[a]]; }
  [[nodiscard]] std::uint32_t div(std::uint32_t a, std::uint32_t b) const {
    if (a == 0) return 0;
    return exp_[log_[a] + order_ - log_[b]];
  }
  [[nodiscard]] std::uint32_t square(std::uint32_t a) const { return mul(a, a); }
  /// a^e for the primitive element a and any e >= 0.
  [[nodiscard]] std::uint32_t alpha_pow(std::uint64_t e) const { return exp_[e % order_]; }
  /// Discrete log of a nonzero element.
  [[nodiscard]] std::uint32_t log(std::uint32_t a) const { return log_[a]; }

 private:
  int m_;
  std::uint32_t order_;
  std::vector<std::uint32_t> exp_;  // 2 * order entries, so products need no reduction
  std::vector<std::uint32_t> log_;
};

}  // namespace spexbench::spex
