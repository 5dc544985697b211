#include "core/regression/symmetric_eigen.h"

#include <vector>

#include "core/error.h"
#include "core/regression/blas.h"

extern "C" void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda,
                        double* w, double* work, const int* lwork, int* iwork, const int* liwork,
                        int* info);

namespace spexbench {

SymmetricEigen symmetric_eigen(Eigen::MatrixXd a) {
  SPEXBENCH_CHECK(a.rows() == a.cols(), "symmetric_eigen: the matrix is ", a.rows(), " x ",
                  a.cols(), ", not square");
  SPEXBENCH_CHECK(a.triangularView<Eigen::Lower>().toDenseMatrix().allFinite(),
                  "symmetric_eigen: the matrix has non-finite entries");
  SymmetricEigen result;
  const int n = static_cast<int>(a.rows());
  result.values.resize(n);
  if (n == 0) return result;
  // LAPACK's threaded parts split by the thread count: one thread, so the result never depends on
  // it.
  with_single_threaded_blas([&] {
    int info = 0, lwork = -1, liwork = -1, iwork_size = 0;
    double work_size = 0;
    dsyevd_("V", "L", &n, a.data(), &n, result.values.data(), &work_size, &lwork, &iwork_size,
            &liwork, &info);
    SPEXBENCH_CHECK(info == 0, "symmetric_eigen: LAPACK dsyevd workspace query failed (info ", info,
                    ")");
    lwork = static_cast<int>(work_size);
    liwork = iwork_size;
    std::vector<double> work(static_cast<std::size_t>(lwork));
    std::vector<int> iwork(static_cast<std::size_t>(liwork));
    dsyevd_("V", "L", &n, a.data(), &n, result.values.data(), work.data(), &lwork, iwork.data(),
            &liwork, &info);
    SPEXBENCH_CHECK(info == 0, "symmetric_eigen: LAPACK dsyevd did not converge on a ", n, " x ", n,
                    " matrix (info ", info, ")");
  });
  result.vectors = std::move(a);
  return result;
}

}  // namespace spexbench
