#include "core/regression/blas.h"

#include <omp.h>

#include <algorithm>
#include <exception>
#include <limits>

#include "core/error.h"

extern "C" {
void dgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
            const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
            const double* beta, double* c, const int* ldc);
}

namespace spexbench {
namespace {

int blas_int(Eigen::Index value) {
  SPEXBENCH_CHECK(value <= std::numeric_limits<int>::max(), "BLAS: dimension ", value,
                  " exceeds 32-bit indexing");
  return static_cast<int>(value);
}

/// Output columns per tile: a constant of the code, never of the machine, since it decides how
/// every sum is split. Wide enough that each call runs the BLAS's blocked kernels at full speed.
constexpr Eigen::Index kTileColumns = 128;

/// Calls tile(t) for t in [0, tiles) on an OpenMP team as wide as the caller's OpenMP setting,
/// each member's BLAS single-threaded. A tile only calls the BLAS and cannot throw.
void for_each_tile(Eigen::Index tiles, const std::function<void(Eigen::Index)>& tile) {
#pragma omp parallel
  {
    omp_set_num_threads(1);
#pragma omp for schedule(dynamic, 1)
    for (Eigen::Index t = 0; t < tiles; ++t) tile(t);
  }
}

Eigen::Index tiles_of(Eigen::Index columns) { return (columns + kTileColumns - 1) / kTileColumns; }

}  // namespace

Eigen::MatrixXd blas_gram(const Eigen::MatrixXd& m, bool rows) {
  // Column block [j0, j1) of the lower triangle: rows j0.. of (m^T m) or (m m^T), one dgemm each.
  const Eigen::Index n = rows ? m.rows() : m.cols(), k = rows ? m.cols() : m.rows();
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(n, n);
  if (n == 0 || k == 0) return gram;
  const int lda = blas_int(std::max<Eigen::Index>(1, m.rows())), ldc = blas_int(n),
            kk = blas_int(k);
  for_each_tile(tiles_of(n), [&](Eigen::Index t) {
    const Eigen::Index j0 = t * kTileColumns, j1 = std::min(n, j0 + kTileColumns);
    const int below = static_cast<int>(n - j0), width = static_cast<int>(j1 - j0);
    const double one = 1, zero = 0;
    // rows: (m m^T)[j0:, j0:j1] = m[j0:, :] m[j0:j1, :]^T; columns: m[:, j0:]^T m[:, j0:j1].
    const double* from = rows ? m.data() + j0 : m.data() + j0 * m.rows();
    dgemm_(rows ? "N" : "T", rows ? "T" : "N", &below, &width, &kk, &one, from, &lda, from, &lda,
           &zero, gram.data() + j0 * n + j0, &ldc);
  });
  gram.triangularView<Eigen::StrictlyUpper>() = gram.transpose();
  return gram;
}

Eigen::MatrixXd blas_product(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  SPEXBENCH_CHECK(a.cols() == b.rows(), "blas_product: ", a.rows(), " x ", a.cols(), " times ",
                  b.rows(), " x ", b.cols());
  const int m = blas_int(a.rows()), n = blas_int(b.cols()), k = blas_int(a.cols());
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(m, n);
  if (m == 0 || n == 0 || k == 0) return c;
  for_each_tile(tiles_of(n), [&](Eigen::Index t) {
    const Eigen::Index j0 = t * kTileColumns;
    const int width = static_cast<int>(std::min<Eigen::Index>(n, j0 + kTileColumns) - j0);
    const double one = 1, zero = 0;
    const int lda = m, ldb = k, ldc = m;
    dgemm_("N", "N", &m, &width, &k, &one, a.data(), &lda, b.data() + j0 * k, &ldb, &zero,
           c.data() + j0 * m, &ldc);
  });
  return c;
}

void with_single_threaded_blas(const std::function<void()>& fn) {
  // A team of one: its member's setting is discarded when the region ends, so the caller's stays.
  std::exception_ptr failure;
#pragma omp parallel num_threads(1)
  {
    omp_set_num_threads(1);
    try {
      fn();
    } catch (...) {
      failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace spexbench
