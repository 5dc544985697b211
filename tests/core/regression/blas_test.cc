#include "core/regression/blas.h"

#include <gtest/gtest.h>

#include "core/error.h"
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

}  // namespace
}  // namespace spexbench
