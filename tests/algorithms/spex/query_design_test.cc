#include "algorithms/spex/query_design.h"

#include <gtest/gtest.h>

#include "algorithms/spex/peeling.h"
#include "core/rng.h"
#include "tests/core/brute_force.h"

namespace spexbench::spex {
namespace {

// The aliasing identity behind SPEX: the transform of one (group, delay) over l gives
// U_{c,p}(j) = sum_{k : M_c^T k = j} (-1)^{<d_p, k>} F(k).
TEST(QueryDesign, BinsAliasTheSpectrumThroughTheDelays) {
  const int n = 40;
  const BchCode code(n, 3);
  Rng rng(9);
  const QueryDesign design(code, 4, 3, rng);
  const SparsePolynomial f = test::random_polynomial(n, 30, 3, Basis::kFourier, 10);
  EXPECT_EQ(design.total_queries(), 3 * (code.parity_bits() + 1) * 16);
  for (int c = 0; c < 3; ++c) {
    const MaskBatch masks = design.group_masks(c);
    ASSERT_EQ(masks.rows(), static_cast<std::size_t>(design.delays()) * 16);
    const std::vector<double> bins = group_bins(f.evaluate(masks), design.delays(), 16);
    std::vector<double> expected(bins.size(), 0.0);
    for (std::size_t t = 0; t < f.size(); ++t) {
      const std::uint32_t j = design.bin_of(c, f.term(t));
      const Parity parity = code.parity_of(f.term(t));
      for (int p = 0; p < design.delays(); ++p) {
        const double sign = p > 0 && parity.get(p - 1) ? -1.0 : 1.0;
        expected[j * static_cast<std::size_t>(design.delays()) + static_cast<std::size_t>(p)] +=
            sign * f.coef(t);
      }
    }
    for (std::size_t i = 0; i < bins.size(); ++i) ASSERT_NEAR(bins[i], expected[i], 1e-10) << i;
  }
}

TEST(QueryDesign, MasksAreMlXorDelay) {
  const BchCode code(70, 2);
  Rng rng(2);
  const QueryDesign design(code, 3, 1, rng);
  const MaskBatch masks = design.group_masks(0);
  // Row p * 8 + l: bit i = <row i of M, l> xor parity bit p - 1 of component i.
  for (int p = 0; p < design.delays(); ++p) {
    for (std::uint32_t l = 0; l < 8; ++l) {
      for (std::uint32_t i = 0; i < 70; ++i) {
        const std::uint32_t single[1] = {i};
        const bool image = std::popcount(design.bin_of(0, single) & l) % 2 == 1;
        const bool delay = p > 0 && code.column(static_cast<int>(i)).get(p - 1);
        EXPECT_EQ(masks.get(static_cast<std::size_t>(p) * 8 + l, static_cast<int>(i)),
                  image != delay);
      }
    }
  }
}

}  // namespace
}  // namespace spexbench::spex
