// Eigendecomposition of a symmetric matrix by LAPACK's divide-and-conquer dsyevd. Eigen's own
// SelfAdjointEigenSolver is unblocked: 4.7 s for a 1,825 x 1,825 Gram matrix where dsyevd takes
// 0.9 s on one core (micro benchmarks BM_SymmetricEigen, BM_EigenSelfAdjointSolver), and the
// leave-one-out ridge refits (ProxySPEX, Banzhaf and Faith-Banzhaf regressions) spend their time
// there. LAPACK is the one libblas/liblapack alternative provides (OpenBLAS after install-deps).
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
