#include "core/regression/blas.h"

#include <gtest/gtest.h>
#include <omp.h>

#include "core/error.h"
#include "core/regression/least_squares.h"
#include "core/regression/symmetric_eigen.h"
#include "core/rng.h"

namespace spexbench {
namespace {

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = rng.uniform(-1.0, 1.0);
  return m;
}

TEST(Blas, GramAndProductEqualEigensProducts) {
  const Eigen::MatrixXd a = random_matrix(37, 11, 1), b = random_matrix(11, 5, 2);
  EXPECT_LT((blas_gram(a, false) - a.transpose() * a).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((blas_gram(a, true) - a * a.transpose()).cwiseAbs().maxCoeff(), 1e-12);
  const Eigen::MatrixXd gram = blas_gram(a, false);
  EXPECT_EQ(gram, gram.transpose());  // both triangles, exactly symmetric
  EXPECT_LT((blas_product(a, b) - a * b).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_EQ(blas_product(Eigen::MatrixXd(0, 3), Eigen::MatrixXd::Ones(3, 2)).rows(), 0);
  EXPECT_EQ(blas_gram(Eigen::MatrixXd(0, 4), false), Eigen::MatrixXd::Zero(4, 4));
  EXPECT_THROW((void)blas_product(a, a), Error);
}

// OpenBLAS splits a product over as many threads as OpenMP allows the caller (the machine's cores
// by default) and rounds the rows at each part's edge apart, so without a fixed tiling the ridge
// refits would depend on the core count and on --jobs.
TEST(Blas, ResultsDoNotDependOnTheThreadsTheCallerAllows) {
  const Eigen::MatrixXd tall = random_matrix(1500, 300, 3), wide = random_matrix(200, 900, 4),
                        right = random_matrix(300, 500, 6);
  const Eigen::VectorXd y = random_matrix(1500, 1, 5);
  const std::vector<double> alphas{0.1, 1.0, 10.0};
  auto everything = [&](int threads) {
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    std::vector<Eigen::MatrixXd> out{
        blas_gram(tall, false), blas_gram(wide, true), blas_product(tall, right),
        symmetric_eigen(blas_gram(tall, false)).vectors, ridge_cv(tall, y, alphas).coef};
    omp_set_num_threads(before);
    return out;
  };
  const std::vector<Eigen::MatrixXd> one = everything(1);
  for (const int threads : {2, 3}) {
    const std::vector<Eigen::MatrixXd> many = everything(threads);
    for (std::size_t i = 0; i < one.size(); ++i)
      EXPECT_EQ(one[i], many[i]) << "result " << i << ", threads " << threads;
  }
}

}  // namespace
}  // namespace spexbench
