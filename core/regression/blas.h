// The two dense products of the ridge refits through the system BLAS (OpenBLAS after
// install-deps: blocked for the machine's vector units, multi-threaded), where Eigen's own kernels
// run on one core at a fraction of the speed. With 4,000 rows and 2,989 kept terms, X^T X and
// X V are 54 GFLOP of a ProxySPEX refit.
#pragma once

#include <Eigen/Dense>

namespace spexbench {

/// m^T m, or m m^T when `rows` is true; both triangles filled (dsyrk).
[[nodiscard]] Eigen::MatrixXd blas_gram(const Eigen::MatrixXd& m, bool rows);

/// a b (dgemm).
[[nodiscard]] Eigen::MatrixXd blas_product(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

}  // namespace spexbench
