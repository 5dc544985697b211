#include "results/statistics/rank_tests.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.h"
#include "results/statistics/distributions.h"

namespace spexbench {
namespace {

/// Mean ranks (1-based) of `keys` in ascending order, ties sharing the mean of their ranks, and
/// the sum of t^3 - t over tie groups of size t.
struct AverageRanks {
  std::vector<double> ranks;
  double tie_term = 0;
};

template <typename Less>
AverageRanks average_ranks(std::size_t count, Less less) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), less);
  AverageRanks out{std::vector<double>(count), 0};
  for (std::size_t first = 0; first < count;) {
    std::size_t last = first + 1;
    while (last < count && !less(order[first], order[last])) ++last;
    const double rank = (static_cast<double>(first + 1) + static_cast<double>(last)) / 2;
    for (std::size_t i = first; i < last; ++i) out.ranks[order[i]] = rank;
    const double t = static_cast<double>(last - first);
    out.tie_term += t * t * t - t;
    first = last;
  }
  return out;
}

}  // namespace

std::vector<double> block_ranks(std::span<const std::optional<double>> values,
                                bool higher_is_better) {
  return average_ranks(values.size(),
                       [&](std::size_t a, std::size_t b) {
                         if (!values[b]) return values[a].has_value();
                         if (!values[a]) return false;
                         return higher_is_better ? *values[a] > *values[b]
                                                 : *values[a] < *values[b];
                       })
      .ranks;
}

FriedmanTest friedman_test(std::span<const double> mean_ranks, int blocks) {
  const int methods = static_cast<int>(mean_ranks.size());
  SPEXBENCH_CHECK(methods >= 2, "Friedman's test needs at least 2 methods, got ", methods);
  SPEXBENCH_CHECK(blocks >= 2, "Friedman's test needs at least 2 blocks, got ", blocks);
  const double k = methods, n = blocks;
  double sum_squares = 0;
  for (const double rank : mean_ranks) sum_squares += rank * rank;
  FriedmanTest test{blocks, methods};
  test.chi_square =
      std::max(0.0, 12 * n / (k * (k + 1)) * (sum_squares - k * (k + 1) * (k + 1) / 4));
  const double denominator = n * (k - 1) - test.chi_square;
  // Every block ranking the methods alike puts chi^2 at its maximum, N (k - 1): F is infinite.
  test.f = denominator > 1e-12 * n * k ? (n - 1) * test.chi_square / denominator
                                       : std::numeric_limits<double>::infinity();
  test.p_value = fisher_f_upper_tail(test.f, k - 1, (k - 1) * (n - 1));
  return test;
}

double nemenyi_critical_difference(int methods, int blocks, double alpha) {
  SPEXBENCH_CHECK(blocks >= 1, "the critical difference needs at least 1 block, got ", blocks);
  const double k = methods;
  return studentized_range_quantile(methods, alpha) / std::sqrt(2.0) *
         std::sqrt(k * (k + 1) / (6.0 * blocks));
}

SignedRankTest wilcoxon_signed_rank(std::span<const double> differences) {
  SignedRankTest test;
  std::vector<double> nonzero;
  for (const double d : differences) {
    SPEXBENCH_CHECK(!std::isnan(d), "a paired difference is NaN");
    if (d > 0) ++test.positive;
    if (d < 0) ++test.negative;
    if (d == 0) {
      ++test.zero;
    } else {
      nonzero.push_back(d);
    }
  }
  const std::size_t n = nonzero.size();
  if (n == 0) return test;
  const AverageRanks ranked = average_ranks(
      n, [&](std::size_t a, std::size_t b) { return std::abs(nonzero[a]) < std::abs(nonzero[b]); });
  for (std::size_t i = 0; i < n; ++i)
    if (nonzero[i] > 0) test.statistic += ranked.ranks[i];
  const double count = static_cast<double>(n);
  const double mean = count * (count + 1) / 4;
  if (ranked.tie_term == 0 && n <= 50) {
    // The null distribution of the positive rank sum: each rank's sign is a fair coin.
    const std::size_t top = n * (n + 1) / 2;
    std::vector<double> ways(top + 1, 0);
    ways[0] = 1;
    for (std::size_t rank = 1; rank <= n; ++rank)
      for (std::size_t sum = top; sum >= rank; --sum) ways[sum] += ways[sum - rank];
    const auto w = static_cast<std::size_t>(std::llround(test.statistic));
    const std::size_t tail_point = test.statistic <= mean ? w : top - w;
    double tail = 0;
    for (std::size_t sum = 0; sum <= tail_point; ++sum) tail += ways[sum];
    test.p_value = std::min(1.0, 2 * tail / std::ldexp(1.0, static_cast<int>(n)));
    test.exact = true;
    return test;
  }
  const double variance = count * (count + 1) * (2 * count + 1) / 24 - ranked.tie_term / 48;
  if (variance <= 0) return test;
  test.p_value =
      std::min(1.0, 2 * normal_upper_tail(std::abs(test.statistic - mean) / std::sqrt(variance)));
  return test;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(m);
  double running = 0;
  for (std::size_t step = 0; step < m; ++step) {
    const double scaled = static_cast<double>(m - step) * p_values[order[step]];
    running = std::max(running, std::min(1.0, scaled));
    adjusted[order[step]] = running;
  }
  return adjusted;
}

}  // namespace spexbench
