#include "results/statistics/rank_tests.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include "core/error.h"

namespace spexbench {
namespace {

using Values = std::vector<std::optional<double>>;

TEST(RankTests, BlockRanksShareTiesAndPutMissingValuesLast) {
  EXPECT_EQ(block_ranks(Values{0.9, 0.5, 0.9, 0.1}, true), (std::vector<double>{1.5, 3, 1.5, 4}));
  EXPECT_EQ(block_ranks(Values{0.9, 0.5, 0.9, 0.1}, false), (std::vector<double>{3.5, 2, 3.5, 1}));
  // Two failed methods share the two worst ranks, even below a value of -infinity.
  const double low = -std::numeric_limits<double>::infinity();
  EXPECT_EQ(block_ranks(Values{std::nullopt, 0.2, std::nullopt, low}, true),
            (std::vector<double>{3.5, 1, 3.5, 2}));
  EXPECT_EQ(block_ranks(Values{std::nullopt, 7.0}, false), (std::vector<double>{2, 1}));
}

TEST(RankTests, FriedmanMatchesDemsarsWorkedExample) {
  // Demšar (2006), section 3.2.2: four classifiers on 14 data sets, mean ranks 3.143, 2.000,
  // 2.893, 1.964: chi^2_F = 9.28 and F_F = 3.69, above F(3, 39)'s critical 2.85.
  const std::vector<double> ranks = {3.143, 2.000, 2.893, 1.964};
  const FriedmanTest test = friedman_test(ranks, 14);
  EXPECT_NEAR(test.chi_square, 9.28, 5e-3);
  EXPECT_NEAR(test.f, 3.69, 5e-3);
  EXPECT_LT(test.p_value, 0.05);
  EXPECT_GT(test.p_value, 0.01);
  // Its Nemenyi critical difference at 0.05 is 1.25 (2.569 * sqrt(4 * 5 / (6 * 14))).
  EXPECT_NEAR(nemenyi_critical_difference(4, 14, 0.05), 1.25, 5e-3);
}

TEST(RankTests, FriedmanFromARankMatrixComputedByHand) {
  // Three methods, four blocks: ranks (1,2,3), (1,3,2), (1,2,3), (2,1,3): mean ranks 1.25, 2, 2.75.
  // chi^2 = 12 * 4 / (3 * 4) * (1.5625 + 4 + 7.5625 - 12) = 4.5; F = 3 * 4.5 / (8 - 4.5).
  const FriedmanTest test = friedman_test(std::vector<double>{1.25, 2, 2.75}, 4);
  EXPECT_NEAR(test.chi_square, 4.5, 1e-12);
  EXPECT_NEAR(test.f, 3 * 4.5 / 3.5, 1e-12);
  // Unanimous blocks: F is infinite and p is 0; identical mean ranks: p is 1.
  EXPECT_EQ(friedman_test(std::vector<double>{1, 2, 3}, 5).p_value, 0);
  EXPECT_NEAR(friedman_test(std::vector<double>{2, 2, 2}, 5).p_value, 1, 1e-12);
  EXPECT_THROW((void)friedman_test(std::vector<double>{1}, 5), Error);
  EXPECT_THROW((void)friedman_test(std::vector<double>{1, 2}, 1), Error);
}

/// The two-sided exact p-value by enumerating every sign pattern of the ranks 1..n.
double enumerated_p_value(const std::vector<double>& differences) {
  const int n = static_cast<int>(differences.size());
  std::vector<double> magnitudes;
  for (const double d : differences) magnitudes.push_back(std::abs(d));
  double observed = 0;
  for (int i = 0; i < n; ++i) {
    int rank = 1;
    for (int j = 0; j < n; ++j) rank += magnitudes[j] < magnitudes[i];
    if (differences[i] > 0) observed += rank;
  }
  const double mean = n * (n + 1) / 4.0;
  int extreme = 0;
  for (int signs = 0; signs < (1 << n); ++signs) {
    double sum = 0;
    for (int rank = 1; rank <= n; ++rank)
      if (signs >> (rank - 1) & 1) sum += rank;
    extreme += std::abs(sum - mean) >= std::abs(observed - mean) - 1e-9;
  }
  return std::min(1.0, extreme / std::ldexp(1.0, n));
}

TEST(RankTests, WilcoxonExactEqualsEnumeration) {
  const std::vector<std::vector<double>> cases = {
      {0.3, -0.1, 0.25, 0.7, 0.05, 0.4, -0.2, 0.9},
      {-1, -2, -3, -4, -5, -6},
      {0.01, -0.02, 0.03, -0.04, 0.05, -0.06, 0.07, -0.08, 0.09, -0.1, 0.11, 0.12},
      {2.5}};
  for (const auto& differences : cases) {
    const SignedRankTest test = wilcoxon_signed_rank(differences);
    EXPECT_TRUE(test.exact);
    EXPECT_NEAR(test.p_value, enumerated_p_value(differences), 1e-12);
  }
  // All six negative: W+ = 0, p = 2 / 64.
  const SignedRankTest negative = wilcoxon_signed_rank(cases[1]);
  EXPECT_EQ(negative.statistic, 0);
  EXPECT_EQ(negative.negative, 6);
  EXPECT_NEAR(negative.p_value, 2.0 / 64, 1e-15);
}

TEST(RankTests, WilcoxonDropsZerosAndUsesTheNormalApproximationWithTies) {
  // Zeros are dropped: the same p as without them.
  const std::vector<double> with_zeros = {0, 0.3, -0.1, 0, 0.25, 0.7};
  const SignedRankTest test = wilcoxon_signed_rank(with_zeros);
  EXPECT_EQ(test.zero, 2);
  EXPECT_NEAR(test.p_value, enumerated_p_value({0.3, -0.1, 0.25, 0.7}), 1e-12);
  // Ties: ranks 1.5, 1.5, 3, 4 (W+ = 1.5 + 3 + 4 = 8.5); mean 5, variance 7.5 - 6 / 48.
  const SignedRankTest tied = wilcoxon_signed_rank(std::vector<double>{0.1, -0.1, 0.5, 0.9});
  EXPECT_FALSE(tied.exact);
  EXPECT_DOUBLE_EQ(tied.statistic, 8.5);
  EXPECT_NEAR(tied.p_value, std::erfc(3.5 / std::sqrt(7.5 - 0.125) / std::sqrt(2.0)), 1e-12);
  // A failed side is an infinite difference: it ranks above every finite one.
  const double inf = std::numeric_limits<double>::infinity();
  const SignedRankTest failed = wilcoxon_signed_rank(std::vector<double>{-inf, 0.1, 0.2});
  EXPECT_DOUBLE_EQ(failed.statistic, 3);  // ranks 1 and 2 positive, 3 negative
  EXPECT_EQ(wilcoxon_signed_rank(std::vector<double>{0, 0}).p_value, 1);
  EXPECT_THROW((void)wilcoxon_signed_rank(std::vector<double>{std::nan("")}), Error);
}

TEST(RankTests, HolmStepsDownAndKeepsOrder) {
  // p sorted 0.01, 0.02, 0.04 of m = 3: 0.03, max(0.03, 0.04), max(0.04, 0.04).
  const std::vector<double> adjusted = holm_adjust(std::vector<double>{0.04, 0.01, 0.02});
  EXPECT_NEAR(adjusted[0], 0.04, 1e-15);
  EXPECT_NEAR(adjusted[1], 0.03, 1e-15);
  EXPECT_NEAR(adjusted[2], 0.04, 1e-15);
  EXPECT_EQ(holm_adjust(std::vector<double>{0.6, 0.9})[1], 1);
  EXPECT_TRUE(holm_adjust(std::vector<double>{}).empty());
}

}  // namespace
}  // namespace spexbench
