#include "core/mask.h"

#include <bit>
#include <limits>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench {

MaskBatch::MaskBatch(std::size_t rows, int n) : n_(n), rows_(rows), words_(words_for(n)) {
  SPEXBENCH_CHECK(n >= 1, "mask batch: n=", n, ", must be >= 1");
  SPEXBENCH_CHECK(words_ == 0 || rows <= std::numeric_limits<std::size_t>::max() / 8 / words_,
                  "mask batch: ", rows, " rows of ", n, " bits overflow memory size");
  bits_.assign(rows * words_, 0);
}

int MaskBatch::count_kept(std::size_t r) const {
  int count = 0;
  for (const std::uint64_t w : row(r)) count += std::popcount(w);
  return count;
}

void MaskBatch::push_back(std::span<const std::uint64_t> row) {
  SPEXBENCH_ASSERT(row.size() == words_, "row of ", row.size(), " words, batch has ", words_);
  bits_.insert(bits_.end(), row.begin(), row.end());
  ++rows_;
}

MaskBatch MaskBatch::slice(std::size_t first, std::size_t count) const {
  SPEXBENCH_ASSERT(first + count <= rows_);
  MaskBatch out(count, n_);
  std::copy(bits_.begin() + static_cast<std::ptrdiff_t>(first * words_),
            bits_.begin() + static_cast<std::ptrdiff_t>((first + count) * words_),
            out.bits_.begin());
  return out;
}

MaskBatch enumerate_masks(int n, std::uint64_t first, std::size_t count) {
  SPEXBENCH_ASSERT(n <= 63, "enumerate_masks needs n <= 63, got ", n);
  MaskBatch out(count, n);
  for (std::size_t r = 0; r < count; ++r) out.row(r)[0] = first + r;
  return out;
}

MaskBatch uniform_masks(std::size_t rows, int n, Rng& rng) {
  MaskBatch out(rows, n);
  for (std::size_t r = 0; r < rows; ++r) {
    auto row = out.row(r);
    for (auto& w : row) w = rng.next();
    clear_padding(row, n);
  }
  return out;
}

void clear_padding(std::span<std::uint64_t> row, int n) {
  const int tail = n % 64;
  if (tail != 0 && !row.empty()) row.back() &= (std::uint64_t{1} << tail) - 1;
}

}  // namespace spexbench
