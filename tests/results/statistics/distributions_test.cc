#include "results/statistics/distributions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.h"

namespace spexbench {
namespace {

TEST(Distributions, StudentTTailMatchesKnownQuantiles) {
  EXPECT_NEAR(student_t_upper_tail(1.812, 10), 0.05, 1e-3);  // t_{0.95, 10}
  EXPECT_NEAR(student_t_upper_tail(2.015, 5), 0.05, 1e-3);   // t_{0.95, 5}
  EXPECT_NEAR(student_t_upper_tail(0.0, 3), 0.5, 1e-12);
  EXPECT_NEAR(student_t_upper_tail(-1.812, 10), 0.95, 1e-3);
}

TEST(Distributions, FisherFTailMatchesKnownQuantiles) {
  // Demšar (2006), section 3.2.2: the critical value of F(3, 39) at alpha 0.05 is 2.85.
  EXPECT_NEAR(fisher_f_upper_tail(2.85, 3, 39), 0.05, 1e-3);
  EXPECT_NEAR(fisher_f_upper_tail(4.96, 1, 10), 0.05, 1e-3);  // F_{0.95}(1, 10)
  EXPECT_EQ(fisher_f_upper_tail(std::numeric_limits<double>::infinity(), 3, 39), 0);
}

TEST(Distributions, NormalTail) {
  EXPECT_NEAR(normal_upper_tail(1.959964), 0.025, 1e-7);
  EXPECT_NEAR(normal_upper_tail(0), 0.5, 1e-15);
}

TEST(Distributions, StudentizedRangeQuantileOverSqrtTwoMatchesDemsarTable) {
  // Demšar (2006), table 5(a) and (b): q_alpha of the Nemenyi test (studentized range / sqrt 2)
  // for 2 to 10 classifiers, printed to 3 decimals from a table of q itself printed to 3 decimals:
  // each entry may be off by up to 0.0005 / sqrt(2) + 0.0005.
  const double at_05[] = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
  const double at_10[] = {1.645, 2.052, 2.291, 2.459, 2.589, 2.693, 2.780, 2.855, 2.920};
  for (int k = 2; k <= 10; ++k) {
    EXPECT_NEAR(studentized_range_quantile(k, 0.05) / std::sqrt(2.0), at_05[k - 2], 9e-4) << k;
    EXPECT_NEAR(studentized_range_quantile(k, 0.10) / std::sqrt(2.0), at_10[k - 2], 9e-4) << k;
  }
}

TEST(Distributions, StudentizedRangeOfTwoIsTheDifferenceOfTwoNormals) {
  // The range of two standard normals is |X - Y|, X - Y ~ N(0, 2): P(R <= q) = 1 - 2 P(Z >= q/√2).
  for (const double q : {0.3, 1.0, 2.5, 4.0})
    EXPECT_NEAR(studentized_range_cdf(q, 2), 1 - 2 * normal_upper_tail(q / std::sqrt(2.0)), 1e-10)
        << q;
}

TEST(Distributions, StudentizedRangeRejectsBadArguments) {
  EXPECT_THROW((void)studentized_range_quantile(1, 0.05), Error);
  EXPECT_THROW((void)studentized_range_quantile(3, 0), Error);
  EXPECT_THROW((void)studentized_range_quantile(3, 1), Error);
}

}  // namespace
}  // namespace spexbench
