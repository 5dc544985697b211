#include "core/regression/parity_design.h"

namespace spexbench {

SignMatrix parity_design(const MaskBatch& masks, const SparsePolynomial& poly,
                         std::span<const std::size_t> terms) {
  SignMatrix x(static_cast<std::int64_t>(masks.rows()), static_cast<std::int64_t>(terms.size()));
  for (std::size_t c = 0; c < terms.size(); ++c)
    for (std::size_t r = 0; r < masks.rows(); ++r)
      if (odd_overlap(masks.row(r), poly.term(terms[c])))
        x.set(static_cast<std::int64_t>(r), static_cast<std::int64_t>(c), -1);
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
