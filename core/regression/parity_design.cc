#include "core/regression/parity_design.h"

namespace spexbench {

SignMatrix parity_design(const MaskBatch& masks, const SparsePolynomial& poly,
                         std::span<const std::size_t> terms) {
  const auto rows = static_cast<std::int64_t>(masks.rows());
  SignMatrix x(rows, static_cast<std::int64_t>(terms.size()));
  // Column c is the XOR of its term's components' columns of the masks, 64 rows a word: the masks'
  // bits, transposed once into a column per component, then a few XORs per word and term instead
  // of a parity per row and term.
  const int n = masks.num_features();
  SignMatrix components(rows, n);
  for (std::int64_t r = 0; r < rows; ++r) {
    const auto row = masks.row(static_cast<std::size_t>(r));
    for (int i = 0; i < n; ++i)
      if (is_kept(row, static_cast<std::uint32_t>(i))) components.set(r, i, -1);
  }
  const std::int64_t words = (rows + 63) / 64;
  for (std::size_t c = 0; c < terms.size(); ++c) {
    std::uint64_t* column = x.column_words(static_cast<std::int64_t>(c));
    for (const std::uint32_t i : poly.term(terms[c])) {
      const std::uint64_t* component = components.column_words(i);
      for (std::int64_t w = 0; w < words; ++w) column[w] ^= component[w];
    }
  }
  return x;
}

Eigen::MatrixXd dense_parity_design(const MaskBatch& masks, const SparsePolynomial& poly,
                                    std::span<const std::size_t> terms) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(masks.rows()),
                    static_cast<Eigen::Index>(terms.size()));
  for (std::size_t r = 0; r < masks.rows(); ++r)
    for (std::size_t c = 0; c < terms.size(); ++c)
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) =
          odd_overlap(masks.row(r), poly.term(terms[c])) ? -1.0 : 1.0;
  return x;
}

}  // namespace spexbench
