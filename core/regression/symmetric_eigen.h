// Eigendecomposition of a symmetric matrix by LAPACK's divide-and-conquer dsyevd. Eigen's own
// SelfAdjointEigenSolver is unblocked: 7.2 s for a 2,000 x 2,000 Gram matrix where dsyevd takes
// 0.69 s on the 2-core build machine (micro benchmarks BM_SymmetricEigen,
// BM_EigenSelfAdjointSolver, one run), and the leave-one-out ridge refits (ProxySPEX, Banzhaf and
// Faith-Banzhaf regressions) spend their time there. LAPACK is the one libblas/liblapack
// alternative provides (OpenBLAS after install-deps).
#pragma once

#include <Eigen/Dense>

namespace spexbench {

struct SymmetricEigen {
  Eigen::VectorXd values;   ///< ascending
  Eigen::MatrixXd vectors;  ///< column j belongs to values(j); orthonormal
};

/// A = V diag(values) V^T for symmetric A; only A's lower triangle is read. Throws
/// spexbench::Error on a non-square or non-finite matrix, or when LAPACK does not converge.
[[nodiscard]] SymmetricEigen symmetric_eigen(Eigen::MatrixXd a);

}  // namespace spexbench
