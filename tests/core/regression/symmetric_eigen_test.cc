#include "core/regression/symmetric_eigen.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench {
namespace {

Eigen::MatrixXd random_symmetric(int n, std::uint64_t seed) {
  Rng rng(seed);
  Eigen::MatrixXd m(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j <= i; ++j) m(i, j) = m(j, i) = rng.uniform() - 0.5;
  return m;
}

TEST(SymmetricEigen, MatchesEigensSolverAndReconstructsTheMatrix) {
  for (const int n : {1, 7, 150}) {
    const Eigen::MatrixXd a = random_symmetric(n, static_cast<std::uint64_t>(n));
    const SymmetricEigen lapack = symmetric_eigen(a);
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> reference(a);
    EXPECT_LT((lapack.values - reference.eigenvalues()).cwiseAbs().maxCoeff(), 1e-12) << n;
    for (int j = 1; j < n; ++j) EXPECT_LE(lapack.values(j - 1), lapack.values(j));
    const Eigen::MatrixXd& v = lapack.vectors;
    EXPECT_LT((v * lapack.values.asDiagonal() * v.transpose() - a).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_LT((v.transpose() * v - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(), 1e-12);
  }
}

TEST(SymmetricEigen, ReadsOnlyTheLowerTriangle) {
  Eigen::MatrixXd a = random_symmetric(20, 3);
  const SymmetricEigen full = symmetric_eigen(a);
  a.triangularView<Eigen::StrictlyUpper>().setConstant(NAN);  // never read
  const SymmetricEigen lower = symmetric_eigen(a);
  EXPECT_EQ(lower.values, full.values);
}

TEST(SymmetricEigen, NamesBadInput) {
  Eigen::MatrixXd a = random_symmetric(5, 1);
  a(3, 1) = INFINITY;
  try {
    (void)symmetric_eigen(a);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("non-finite"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)symmetric_eigen(Eigen::MatrixXd(3, 4)), Error);
  EXPECT_EQ(symmetric_eigen(Eigen::MatrixXd(0, 0)).values.size(), 0);
}

}  // namespace
}  // namespace spexbench
