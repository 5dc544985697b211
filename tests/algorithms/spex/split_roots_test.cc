#include "algorithms/spex/split_roots.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/rng.h"

namespace spexbench::spex {
namespace {

/// prod (x + r) over the roots, lowest degree first, times `lead`.
std::vector<std::uint32_t> product_of(const GaloisField& field,
                                      const std::vector<std::uint32_t>& roots, std::uint32_t lead) {
  std::vector<std::uint32_t> p = {lead};
  for (const std::uint32_t r : roots) {
    std::vector<std::uint32_t> next(p.size() + 1, 0);
    for (std::size_t i = 0; i < p.size(); ++i) {
      next[i + 1] ^= p[i];
      next[i] ^= field.mul(p[i], r);
    }
    p = std::move(next);
  }
  return p;
}

TEST(SplitRoots, FindsEveryRootOfAProductOfDistinctLinearFactors) {
  for (const int m : {4, 10, 19}) {
    const GaloisField field(m);
    Rng rng(static_cast<std::uint64_t>(m));
    for (int trial = 0; trial < 200; ++trial) {
      const auto degree = static_cast<std::uint32_t>(1 + rng.below(std::min(16, (1 << m) - 1)));
      std::vector<std::uint32_t> roots = rng.sample_without_replacement(field.order() + 1, degree);
      std::sort(roots.begin(), roots.end());
      const auto lead = static_cast<std::uint32_t>(1 + rng.below(field.order()));
      EXPECT_EQ(split_roots(field, product_of(field, roots, lead)), roots)
          << "m=" << m << " degree " << degree;
    }
  }
}

TEST(SplitRoots, RepeatedOrIrreducibleFactorsGiveNoRoots) {
  const GaloisField field(10);
  // (x + 5)^2 (x + 7): a repeated root is never separated.
  EXPECT_TRUE(split_roots(field, product_of(field, {5, 5, 7}, 1)).empty());
  // x^2 + x + c is irreducible when Tr(c) = 1; times (x + 3).
  for (std::uint32_t c = 1; c < 64; ++c) {
    std::uint32_t trace = 0, power = c;
    for (int i = 0; i < field.degree(); ++i, power = field.square(power)) trace ^= power;
    if (trace != 1) continue;
    std::vector<std::uint32_t> quadratic = {c, 1, 1};
    std::vector<std::uint32_t> cubic(4, 0);  // (x^2 + x + c)(x + 3)
    for (std::size_t i = 0; i < 3; ++i) {
      cubic[i + 1] ^= quadratic[i];
      cubic[i] ^= field.mul(quadratic[i], 3);
    }
    EXPECT_TRUE(split_roots(field, cubic).empty()) << "c=" << c;
  }
}

}  // namespace
}  // namespace spexbench::spex
