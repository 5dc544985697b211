// Design matrices in the Fourier (parity) basis: column c of row x is the character
// (-1)^{|x ∩ T_c|} of a polynomial's term T_c. The sparse refits (SPEX's lasso, ProxySPEX's ridge
// and lasso) regress the queried values on these.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <span>

#include "core/mask.h"
#include "core/regression/sign_matrix.h"
#include "core/sparse_polynomial.h"

namespace spexbench {

/// rows x terms.size() characters of the terms `terms` (indices into `poly`), one bit each.
[[nodiscard]] SignMatrix parity_design(const MaskBatch& masks, const SparsePolynomial& poly,
                                       std::span<const std::size_t> terms);

/// The same entries as doubles, for the dense solvers (ridge_cv).
[[nodiscard]] Eigen::MatrixXd dense_parity_design(const MaskBatch& masks,
                                                  const SparsePolynomial& poly,
                                                  std::span<const std::size_t> terms);

}  // namespace spexbench
