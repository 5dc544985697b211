// A design of ±1 entries stored one bit per entry (set: -1), column-major: the parity (Fourier
// character) features every sparse refit regresses on. Inner products of such columns are
// popcounts: over a row set R, x_a^T x_b = |R| - 2 |{r in R : x_ra != x_rb}|, exact integers, so
// they do not depend on the order or the CPU they are computed in.
#pragma once

#include <cstdint>
#include <vector>

namespace spexbench {

class SignMatrix {
 public:
  SignMatrix(std::int64_t rows, std::int64_t columns)
      : rows_(rows),
        columns_(columns),
        stride_((rows + 63) / 64),
        words_(static_cast<std::size_t>(stride_ * columns), 0) {}
  [[nodiscard]] std::int64_t rows() const { return rows_; }
  [[nodiscard]] std::int64_t columns() const { return columns_; }
  void set(std::int64_t row, std::int64_t column, int sign) {
    std::uint64_t& word = words_[static_cast<std::size_t>(column * stride_ + row / 64)];
    const std::uint64_t bit = std::uint64_t{1} << (row % 64);
    word = sign < 0 ? word | bit : word & ~bit;
  }
  [[nodiscard]] int operator()(std::int64_t row, std::int64_t column) const {
    return (column_words(column)[row / 64] >> (row % 64)) & 1U ? -1 : 1;
  }
  /// Column j's bits: bit r % 64 of word r / 64 is set when entry r is -1; padding bits are zero.
  [[nodiscard]] const std::uint64_t* column_words(std::int64_t column) const {
    return words_.data() + static_cast<std::size_t>(column * stride_);
  }
  [[nodiscard]] std::uint64_t* column_words(std::int64_t column) {
    return words_.data() + static_cast<std::size_t>(column * stride_);
  }
  /// The same bits by byte (bit r % 8 of byte r / 8), for the byte-wise kernels of sign_kernels.h:
  /// x86-64 stores words little-endian, so byte k holds rows 8k..8k+7.
  [[nodiscard]] const std::uint8_t* column_bits(std::int64_t column) const {
    return reinterpret_cast<const std::uint8_t*>(column_words(column));
  }

  /// Rows r in [begin, end) where columns a and b differ; b = kOnes compares with a column of +1s
  /// (the intercept), so it counts a's -1 entries.
  [[nodiscard]] std::int64_t differing(std::int64_t a, std::int64_t b, std::int64_t begin,
                                       std::int64_t end) const;
  /// x_a^T x_b over rows [begin, end) (b may be kOnes).
  [[nodiscard]] std::int64_t dot(std::int64_t a, std::int64_t b, std::int64_t begin,
                                 std::int64_t end) const {
    return (end - begin) - 2 * differing(a, b, begin, end);
  }
  static constexpr std::int64_t kOnes = -1;

 private:
  std::int64_t rows_, columns_, stride_;  ///< stride_: words per column
  std::vector<std::uint64_t> words_;
};

}  // namespace spexbench
