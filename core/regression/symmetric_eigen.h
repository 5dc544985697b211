// Eigendecomposition of a symmetric matrix by LAPACK's divide-and-conquer dsyevd. Eigen's own
// SelfAdjointEigenSolver is unblocked: 6.2 s for a 1,825 x 1,825 Gram matrix where dsyevd takes
// 0.9 s on one core (micro benchmark BM_SymmetricEigen), and the leave-one-out ridge refits
// (ProxySPEX, Banzhaf and Faith-Banzhaf regressions) spend their time there.
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
