#include "core/regression/blas.h"

#include <algorithm>
#include <limits>

#include "core/error.h"

extern "C" {
void dsyrk_(const char* uplo, const char* trans, const int* n, const int* k, const double* alpha,
            const double* a, const int* lda, const double* beta, double* c, const int* ldc);
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

}  // namespace

Eigen::MatrixXd blas_gram(const Eigen::MatrixXd& m, bool rows) {
  const int n = blas_int(rows ? m.rows() : m.cols());
  const int k = blas_int(rows ? m.cols() : m.rows());
  const int lda = blas_int(std::max<Eigen::Index>(1, m.rows()));
  Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(n, n);
  if (n == 0 || k == 0) return gram;
  const double one = 1, zero = 0;
  const int ldc = n;
  dsyrk_("L", rows ? "N" : "T", &n, &k, &one, m.data(), &lda, &zero, gram.data(), &ldc);
  gram.triangularView<Eigen::StrictlyUpper>() = gram.transpose();
  return gram;
}

Eigen::MatrixXd blas_product(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  SPEXBENCH_CHECK(a.cols() == b.rows(), "blas_product: ", a.rows(), " x ", a.cols(), " times ",
                  b.rows(), " x ", b.cols());
  const int m = blas_int(a.rows()), n = blas_int(b.cols()), k = blas_int(a.cols());
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(m, n);
  if (m == 0 || n == 0 || k == 0) return c;
  const double one = 1, zero = 0;
  const int lda = m, ldb = k, ldc = m;
  dgemm_("N", "N", &m, &n, &k, &one, a.data(), &lda, b.data(), &ldb, &zero, c.data(), &ldc);
  return c;
}

}  // namespace spexbench
