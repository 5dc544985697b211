#include "core/regression/sign_kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "core/rng.h"

namespace spexbench::sign_kernels {
namespace {

/// A column of random signs as bits and a vector of random doubles, 203 entries (not a multiple
/// of 8, so every kernel has edges to handle).
struct Column {
  std::vector<std::uint8_t> bits;
  std::vector<double> v;
  [[nodiscard]] int sign(std::int64_t i) const { return (bits[i / 8] >> (i % 8)) & 1U ? -1 : 1; }
};

Column make_column(std::uint64_t seed) {
  Rng rng(seed);
  Column c{std::vector<std::uint8_t>(26, 0), {}};
  for (int i = 0; i < 203; ++i) {
    if (rng.uniform() < 0.5) c.bits[i / 8] |= static_cast<std::uint8_t>(1U << (i % 8));
    c.v.push_back(rng.uniform(-1e3, 1e3));
  }
  return c;
}

std::vector<Isa> available_sets() {
  std::vector<Isa> out;
  for (const Isa isa : {Isa::kPortable, Isa::kSse2, Isa::kAvx2})
    if (isa <= best_isa()) out.push_back(isa);
  return out;
}

TEST(SignKernels, DotIsTheSignedSumOverEveryRange) {
  const Column c = make_column(1);
  for (const Isa isa : available_sets())
    for (const std::int64_t begin : {0, 3, 8, 17})
      for (const std::int64_t end : {17, 64, 200, 203}) {
        if (end < begin) continue;
        double expected = 0, scale = 0;
        for (std::int64_t i = begin; i < end; ++i) {
          expected += c.sign(i) * c.v[i];
          scale += std::abs(c.v[i]);
        }
        EXPECT_NEAR(dot(c.bits.data(), c.v.data(), begin, end, isa), expected, 1e-13 * scale)
            << "isa " << static_cast<int>(isa) << " range [" << begin << ", " << end << ")";
      }
}

// Results must not depend on the CPU a run lands on: the SIMD kernels share one summation order.
TEST(SignKernels, SimdKernelsGiveIdenticalResults) {
  if (best_isa() < Isa::kAvx2) GTEST_SKIP() << "this CPU has no AVX2 to compare with SSE2";
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const Column c = make_column(seed);
    for (const std::int64_t begin : {0, 5, 40})
      EXPECT_EQ(dot(c.bits.data(), c.v.data(), begin, 203, Isa::kSse2),
                dot(c.bits.data(), c.v.data(), begin, 203, Isa::kAvx2));
    std::vector<double> sse2 = c.v, avx2 = c.v;
    subtract(c.bits.data(), 0.37, sse2.data(), 203, Isa::kSse2);
    subtract(c.bits.data(), 0.37, avx2.data(), 203, Isa::kAvx2);
    EXPECT_EQ(sse2, avx2);
  }
}

TEST(SignKernels, SubtractRemovesTheSignedDelta) {
  const Column c = make_column(2);
  for (const Isa isa : available_sets()) {
    std::vector<double> v = c.v;
    subtract(c.bits.data(), 2.5, v.data(), 203, isa);
    for (std::int64_t i = 0; i < 203; ++i) EXPECT_EQ(v[i], c.v[i] - 2.5 * c.sign(i)) << i;
  }
}

// The LASSO's sweeps take a column's update and the next column's product in one pass; the
// result must be exactly the two calls', or the fused pass would change the solutions.
TEST(SignKernels, SubtractThenDotIsExactlySubtractThenTwoDots) {
  const Column update = make_column(3), next = make_column(4);
  const std::vector<std::pair<Rows, Rows>> ranges = {
      {{0, 203}, {203, 203}},  // every row (the final fit)
      {{0, 0}, {41, 203}},     // the first fold held out
      {{0, 81}, {122, 203}},   // a middle fold, boundaries off whole bytes
      {{0, 80}, {120, 203}},   // on whole bytes
      {{0, 162}, {203, 203}},  // the last fold held out
      {{0, 5}, {6, 7}},        // no whole byte
      {{100, 203}, {0, 50}},   // out of order
  };
  for (const Isa isa : available_sets())
    for (const auto& [first, second] : ranges) {
      std::vector<double> fused = update.v, separate = update.v;
      const double product = subtract_then_dot(update.bits.data(), 0.83, next.bits.data(),
                                               fused.data(), 203, first, second, isa);
      subtract(update.bits.data(), 0.83, separate.data(), 203, isa);
      const double expected = dot(next.bits.data(), separate.data(), first.begin, first.end, isa) +
                              dot(next.bits.data(), separate.data(), second.begin, second.end, isa);
      EXPECT_EQ(fused, separate) << "isa " << static_cast<int>(isa);
      EXPECT_EQ(product, expected)
          << "isa " << static_cast<int>(isa) << " [" << first.begin << ", " << first.end << ") ["
          << second.begin << ", " << second.end << ")";
    }
}

}  // namespace
}  // namespace spexbench::sign_kernels
