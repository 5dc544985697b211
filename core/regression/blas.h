// The two dense products of the ridge refits through the system BLAS (OpenBLAS after
// install-deps: blocked for the machine's vector units), where Eigen's own kernels run on one core
// at a fraction of the speed. With 4,000 rows and 2,989 kept terms, X^T X and X V are 54 GFLOP of
// a ProxySPEX refit.
//
// A product's result must not depend on the threads. OpenBLAS splits a call over as many threads
// as OpenMP allows the caller (the machine's cores by default) and rounds the rows at each part's
// edge apart from the rest, so a threaded call gives other last bits on another machine or under
// --jobs. Here the output is cut into tiles of a fixed width whatever the thread count; each tile
// is one single-threaded BLAS call, and the tiles are spread over an OpenMP team. The tiling, not
// the threads, then fixes every sum's order.
#pragma once

#include <Eigen/Dense>
#include <functional>

namespace spexbench {

/// m^T m, or m m^T when `rows` is true; both triangles filled (dsyrk).
[[nodiscard]] Eigen::MatrixXd blas_gram(const Eigen::MatrixXd& m, bool rows);

/// a b (dgemm).
[[nodiscard]] Eigen::MatrixXd blas_product(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

/// Runs fn with every BLAS and LAPACK call inside it single-threaded (OpenBLAS's OpenMP build reads
/// OpenMP's setting of the calling thread): for the calls no fixed tiling can split, like an
/// eigendecomposition.
void with_single_threaded_blas(const std::function<void()>& fn);

}  // namespace spexbench
