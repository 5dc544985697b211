// Masks: the one data layout every module shares.
//
// A mask m in {0,1}^n says which of the n components (words, sentences, training groups, attention
// heads) are KEPT: bit i = 1 keeps component i, bit i = 0 ablates it (the papers' convention).
//
// A batch of masks is packed row-major in 64-bit words, words_per_row = ceil(n / 64) words per row.
// Bit i of a row lives in word i / 64 at bit position i % 64 (least significant bit first), so for
// n <= 64 a row is the integer sum_i m_i 2^i. Bits at positions >= n in the last word are always
// zero; hashing and equality of rows rely on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace spexbench {

class Rng;

[[nodiscard]] constexpr std::size_t words_for(int n) {
  return (static_cast<std::size_t>(n) + 63) / 64;
}

/// Bit i of a packed row: whether component i is kept.
[[nodiscard]] inline bool is_kept(std::span<const std::uint64_t> row, std::uint32_t i) {
  return (row[i / 64] >> (i % 64)) & 1U;
}

/// Whether the row keeps an odd number of the term's components: the Fourier character
/// (-1)^{|mask ∩ term|} is then -1.
[[nodiscard]] inline bool odd_overlap(std::span<const std::uint64_t> row,
                                      std::span<const std::uint32_t> term) {
  bool odd = false;
  for (const std::uint32_t i : term) odd ^= is_kept(row, i);
  return odd;
}

class MaskBatch {
 public:
  MaskBatch() = default;
  /// rows masks over n components, all bits 0 (everything ablated). Throws on size overflow.
  MaskBatch(std::size_t rows, int n);

  [[nodiscard]] int num_features() const { return n_; }
  [[nodiscard]] std::size_t rows() const { return rows_; }
  [[nodiscard]] std::size_t words_per_row() const { return words_; }

  [[nodiscard]] std::span<std::uint64_t> row(std::size_t r) {
    return {bits_.data() + r * words_, words_};
  }
  [[nodiscard]] std::span<const std::uint64_t> row(std::size_t r) const {
    return {bits_.data() + r * words_, words_};
  }
  [[nodiscard]] bool get(std::size_t r, int i) const {
    return is_kept(row(r), static_cast<std::uint32_t>(i));
  }
  void set(std::size_t r, int i, bool keep) {
    std::uint64_t& word = bits_[r * words_ + static_cast<std::size_t>(i) / 64];
    const std::uint64_t bit = std::uint64_t{1} << (i % 64);
    word = keep ? (word | bit) : (word & ~bit);
  }
  /// Number of kept components in row r.
  [[nodiscard]] int count_kept(std::size_t r) const;

  /// All rows, row-major (rows() * words_per_row() words).
  [[nodiscard]] std::span<const std::uint64_t> words() const { return bits_; }
  [[nodiscard]] std::span<std::uint64_t> words() { return bits_; }

  /// Appends a copy of `row`, which must have words_per_row() words with zero padding bits.
  void push_back(std::span<const std::uint64_t> row);
  /// Keeps rows [first, first + count).
  [[nodiscard]] MaskBatch slice(std::size_t first, std::size_t count) const;

  friend bool operator==(const MaskBatch&, const MaskBatch&) = default;

 private:
  int n_ = 0;
  std::size_t rows_ = 0;
  std::size_t words_ = 0;
  std::vector<std::uint64_t> bits_;
};

/// Rows are the integers first, first+1, ..., first+count-1 read as masks (n <= 63): the
/// enumeration order of exhaustive transforms, where table index x is the mask with bits of x.
[[nodiscard]] MaskBatch enumerate_masks(int n, std::uint64_t first, std::size_t count);

/// `rows` masks with every bit i.i.d. Bernoulli(1/2), i.e. uniform on {0,1}^n.
[[nodiscard]] MaskBatch uniform_masks(std::size_t rows, int n, Rng& rng);

/// Zero the padding bits of a row (positions >= n).
void clear_padding(std::span<std::uint64_t> row, int n);

}  // namespace spexbench
