// Non-parametric tests for comparing methods over many problems, as Demšar (JMLR 2006) recommends:
// ranks within each problem (a block), Friedman's test with the Iman-Davenport F, the Nemenyi
// critical difference, and Wilcoxon's signed-rank test for pairs with Holm's correction.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace spexbench {

/// Ranks of one block's values, 1 = best; tied values share the mean of the ranks they span.
/// Entries without a value rank below every value (tied among themselves): a method that failed
/// or was infeasible on a problem counts as the worst there.
[[nodiscard]] std::vector<double> block_ranks(std::span<const std::optional<double>> values,
                                              bool higher_is_better);

struct FriedmanTest {
  int blocks = 0, methods = 0;
  double chi_square = 0;  ///< Friedman's statistic, from the mean ranks
  double f = 0;           ///< Iman and Davenport's F, (methods - 1, (methods - 1)(blocks - 1)) dof
  double p_value = 1;     ///< of f
};

/// Friedman's test on `mean_ranks` (one per method) over `blocks` blocks (Demšar's eq. 1 and 2).
/// Throws spexbench::Error for fewer than 2 methods or 2 blocks.
[[nodiscard]] FriedmanTest friedman_test(std::span<const double> mean_ranks, int blocks);

/// Nemenyi's critical difference: two methods' mean ranks differ significantly at `alpha` when
/// they differ by at least this much: q_alpha / sqrt(2) * sqrt(k (k + 1) / (6 N)).
[[nodiscard]] double nemenyi_critical_difference(int methods, int blocks, double alpha);

struct SignedRankTest {
  int positive = 0, zero = 0, negative = 0;  ///< differences of each sign
  double statistic = 0;                      ///< sum of the ranks of the positive differences
  double p_value = 1;                        ///< two-sided
  bool exact = false;  ///< from the exact null distribution (no ties, at most 50 non-zero)
};

/// Wilcoxon's signed-rank test of paired differences (zeros dropped, Wilcoxon's convention).
/// Infinite differences (one side failed) rank above every finite one. Without ties and with at
/// most 50 non-zero differences the p-value is exact, otherwise from the normal approximation with
/// the tie correction.
[[nodiscard]] SignedRankTest wilcoxon_signed_rank(std::span<const double> differences);

/// Holm's step-down adjustment of `p_values` for multiple comparisons, in the given order.
[[nodiscard]] std::vector<double> holm_adjust(std::span<const double> p_values);

}  // namespace spexbench
