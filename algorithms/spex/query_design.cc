#include "algorithms/spex/query_design.h"

#include <bit>

#include "core/error.h"

namespace spexbench::spex {

QueryDesign::QueryDesign(const BchCode& code, int b, int groups, Rng& rng)
    : code_(code), b_(b), groups_(groups) {
  SPEXBENCH_ASSERT(b >= 1 && b <= 30 && groups >= 1);
  const std::uint64_t row_mask = (std::uint64_t{1} << b) - 1;
  rows_.resize(static_cast<std::size_t>(groups));
  for (auto& rows : rows_) {
    rows.resize(static_cast<std::size_t>(code.num_features()));
    for (auto& row : rows) row = static_cast<std::uint32_t>(rng.next() & row_mask);
  }
}

std::uint32_t QueryDesign::bin_of(int c, std::span<const std::uint32_t> features) const {
  std::uint32_t j = 0;
  for (const std::uint32_t i : features) j ^= rows_[static_cast<std::size_t>(c)][i];
  return j;
}

void QueryDesign::group_masks(int c, int first, int count, MaskBatch& masks) const {
  SPEXBENCH_ASSERT(first >= 0 && count >= 0 && first + count <= delays());
  const int n = code_.num_features();
  const std::size_t words = words_for(n);
  const std::size_t bins = bins_per_group();
  const auto& rows = rows_[static_cast<std::size_t>(c)];

  // Columns of M_c as packed n-bit masks, then M_c l for every l by one xor each (l minus its
  // lowest set bit was computed before l).
  std::vector<std::uint64_t> columns(static_cast<std::size_t>(b_) * words, 0);
  for (int i = 0; i < n; ++i)
    for (int r = 0; r < b_; ++r)
      if ((rows[static_cast<std::size_t>(i)] >> r) & 1U)
        columns[static_cast<std::size_t>(r) * words + static_cast<std::size_t>(i) / 64] |=
            std::uint64_t{1} << (i % 64);
  std::vector<std::uint64_t> images(bins * words, 0);
  for (std::size_t l = 1; l < bins; ++l) {
    const std::size_t parent = l & (l - 1);
    const auto r = static_cast<std::size_t>(std::countr_zero(l));
    for (std::size_t w = 0; w < words; ++w)
      images[l * words + w] = images[parent * words + w] ^ columns[r * words + w];
  }

  // Delay d_p has bit i = parity bit p-1 of component i.
  std::vector<std::uint64_t> delay(words);
  const std::size_t batch_rows = static_cast<std::size_t>(count) * bins;
  if (masks.rows() != batch_rows || masks.num_features() != n) masks = MaskBatch(batch_rows, n);
  for (int p = first; p < first + count; ++p) {
    std::fill(delay.begin(), delay.end(), 0);
    if (p > 0)
      for (int i = 0; i < n; ++i)
        if (code_.column(i).get(p - 1))
          delay[static_cast<std::size_t>(i) / 64] |= std::uint64_t{1} << (i % 64);
    for (std::size_t l = 0; l < bins; ++l) {
      auto row = masks.row(static_cast<std::size_t>(p - first) * bins + l);
      for (std::size_t w = 0; w < words; ++w) row[w] = images[l * words + w] ^ delay[w];
    }
  }
}

}  // namespace spexbench::spex
