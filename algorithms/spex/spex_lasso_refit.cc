#include "algorithms/spex/spex_lasso_refit.h"

#include <bit>

#include "core/regression/gram.h"
#include "core/regression/lasso.h"

namespace spexbench::spex {
namespace {

/// The support of the refit: peeled terms, the empty set and every singleton, each once.
SparsePolynomial refit_support(const SparsePolynomial& peeled) {
  TermAccumulator support(peeled.num_features(), Basis::kFourier);
  for (std::size_t t = 0; t < peeled.size(); ++t) support.add(peeled.term(t), 1.0);
  support.add({}, 1.0);
  for (std::uint32_t i = 0; i < static_cast<std::uint32_t>(peeled.num_features()); ++i) {
    const std::uint32_t single[1] = {i};
    support.add(single, 1.0);
  }
  return std::move(support).finish();
}

/// Parity of <mask, term>.
bool character_bit(std::span<const std::uint64_t> mask, std::span<const std::uint32_t> term) {
  bool odd = false;
  for (const std::uint32_t f : term) odd ^= (mask[f / 64] >> (f % 64)) & 1U;
  return odd;
}

}  // namespace

SparsePolynomial lasso_refit(const SparsePolynomial& peeled, const std::vector<MaskBatch>& masks,
                             const std::vector<std::vector<double>>& values) {
  const SparsePolynomial support = refit_support(peeled);
  const auto columns = static_cast<Eigen::Index>(support.size());
  std::int64_t rows = 0;  // all samples, in query order
  for (const auto& v : values) rows += static_cast<std::int64_t>(v.size());
  const std::vector<std::int64_t> bounds = kfold_boundaries(rows, 5);

  // The design is +-1, so over any set of rows X^T X [a, b] = rows - 2 popcount(col_a xor col_b)
  // on bit-packed columns (bit q = 1 where row q has character -1): far cheaper than a dense
  // product. Folds are contiguous row ranges, handled with word masks at their ends.
  const auto words = static_cast<std::size_t>((rows + 63) / 64);
  std::vector<std::uint64_t> bits(static_cast<std::size_t>(columns) * words, 0);
  std::vector<double> y(static_cast<std::size_t>(rows));
  std::size_t row = 0;
  for (std::size_t g = 0; g < masks.size(); ++g) {
    for (std::size_t r = 0; r < masks[g].rows(); ++r, ++row) {
      const auto mask = masks[g].row(r);
      for (Eigen::Index c = 0; c < columns; ++c)
        if (character_bit(mask, support.term(static_cast<std::size_t>(c))))
          bits[static_cast<std::size_t>(c) * words + row / 64] |= std::uint64_t{1} << (row % 64);
      y[row] = values[g][r];
    }
  }
  std::vector<GramStats> folds;
  std::vector<std::uint64_t> range_mask(words);
  for (int f = 0; f < 5; ++f) {
    const auto begin = static_cast<std::size_t>(bounds[static_cast<std::size_t>(f)]);
    const auto end = static_cast<std::size_t>(bounds[static_cast<std::size_t>(f) + 1]);
    std::fill(range_mask.begin(), range_mask.end(), 0);
    for (std::size_t q = begin; q < end; ++q) range_mask[q / 64] |= std::uint64_t{1} << (q % 64);
    const std::size_t w_begin = begin / 64, w_end = (end + 63) / 64;
    GramStats s = GramStats::zero(columns);
    s.rows = static_cast<std::int64_t>(end - begin);
    for (std::size_t q = begin; q < end; ++q) s.yty += y[q] * y[q];
    for (Eigen::Index a = 0; a < columns; ++a) {
      const std::uint64_t* col_a = bits.data() + static_cast<std::size_t>(a) * words;
      double xty = 0;
      for (std::size_t q = begin; q < end; ++q)
        xty += ((col_a[q / 64] >> (q % 64)) & 1U) ? -y[q] : y[q];
      s.xty(a) = xty;
      for (Eigen::Index b = 0; b <= a; ++b) {
        const std::uint64_t* col_b = bits.data() + static_cast<std::size_t>(b) * words;
        std::int64_t differ = 0;
        for (std::size_t w = w_begin; w < w_end; ++w)
          differ += std::popcount((col_a[w] ^ col_b[w]) & range_mask[w]);
        s.xtx(a, b) = s.xtx(b, a) = static_cast<double>(s.rows - 2 * differ);
      }
    }
    folds.push_back(std::move(s));
  }
  GramStats full = GramStats::zero(columns);
  for (const GramStats& s : folds) full += s;
  const LassoCvResult fit = lasso_cv(full, folds);
  SparsePolynomial out(peeled.num_features(), Basis::kFourier);
  for (Eigen::Index c = 0; c < columns; ++c)
    if (fit.coef(c) != 0.0) out.add_term(support.term(static_cast<std::size_t>(c)), fit.coef(c));
  return out;
}

}  // namespace spexbench::spex
