#include "algorithms/spex/chase_decoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>

#include "core/rng.h"

namespace spexbench::spex {
namespace {

TEST(SmallestSubsetSums, MatchesSortingEverySubset) {
  Rng rng(5);
  for (const std::size_t d : {1u, 4u, 10u}) {
    std::vector<double> costs(d);
    for (double& c : costs) c = rng.uniform(0, 1);
    std::sort(costs.begin(), costs.end());
    std::vector<double> all;
    for (std::uint64_t mask = 0; mask < (std::uint64_t{1} << d); ++mask) {
      double sum = 0;
      for (std::size_t i = 0; i < d; ++i)
        if ((mask >> i) & 1U) sum += costs[i];
      all.push_back(sum);
    }
    std::sort(all.begin(), all.end());
    const std::size_t count = d * (d + 1) / 2;
    const auto patterns = smallest_subset_sums(costs, count);
    ASSERT_EQ(patterns.size(), std::min(count, all.size()));
    EXPECT_EQ(patterns[0], 0u);
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      double sum = 0;
      for (std::size_t b = 0; b < d; ++b)
        if ((patterns[i] >> b) & 1U) sum += costs[b];
      EXPECT_NEAR(sum, all[i], 1e-12) << "pattern " << i;
    }
  }
}

TEST(ChaseDecoder, RecoversWhatHardDecisionsCannotWhenErrorsAreUnreliable) {
  const BchCode code(200, 3);
  const ChaseDecoder chase(code, 6);
  Rng rng(6);
  int hard_failures = 0, chase_successes = 0;
  for (int trial = 0; trial < 100; ++trial) {
    // |k| + 2 wrong bits = 4 > t: beyond hard decoding. (With |k| = t, other codewords that need
    // no more corrections compete, and the fewest-errors rule may pick them, as in the reference.)
    auto k = rng.sample_without_replacement(200, 2);
    std::sort(k.begin(), k.end());
    const Parity parity = code.parity_of(k);
    // Reliable correct bits (|s| ~ 1), plus two wrong bits with low reliability.
    std::vector<double> reliability(static_cast<std::size_t>(code.parity_bits()));
    for (std::size_t p = 0; p < reliability.size(); ++p)
      reliability[p] = (parity.get(static_cast<int>(p)) ? -1.0 : 1.0) * rng.uniform(0.8, 1.2);
    for (const auto p :
         rng.sample_without_replacement(static_cast<std::uint32_t>(code.parity_bits()), 2))
      reliability[p] = -0.05 * reliability[p];
    const auto hard = code.decode(hard_decision(reliability));
    if (!hard || hard->features != k) ++hard_failures;
    chase_successes += chase.decode(reliability).features == k;
  }
  EXPECT_EQ(hard_failures, 100);
  // The fewest-corrections rule (the reference's) sometimes prefers another codeword that a few
  // extra flips bring within fewer corrections; most bins still decode to the truth.
  EXPECT_GE(chase_successes, 85);
}

TEST(ChaseDecoder, ReportsFailureAsTheEmptyFrequency) {
  const BchCode code(64, 2);
  const ChaseDecoder chase(code, 2);
  std::vector<double> reliability(static_cast<std::size_t>(code.parity_bits()), 1.0);
  Rng rng(3);
  int failed = 0;
  for (int trial = 0; trial < 50; ++trial) {
    for (double& r : reliability) r = rng.uniform(-1, 1);  // noise: far from any codeword
    const auto decoded = chase.decode(reliability);
    if (decoded.errors == -1) {
      ++failed;
      EXPECT_TRUE(decoded.features.empty());
    }
  }
  EXPECT_GT(failed, 0);
}

}  // namespace
}  // namespace spexbench::spex
