#include "core/transforms.h"

#include <gtest/gtest.h>

#include <bit>

#include "tests/core/brute_force.h"
#include "tests/tolerances.h"

namespace spexbench {
namespace {

using test::kExact;
using test::random_values;

// n = 13 crosses the 2^11 block size, so the blocked high levels are exercised too.
class TransformsTest : public ::testing::TestWithParam<int> {};

TEST_P(TransformsTest, FwhtMatchesTheDefinition) {
  const int n = GetParam();
  const auto f = random_values(n, 11);
  auto fast = f;
  fwht(fast);
  const std::size_t size = f.size();
  for (std::size_t k = 0; k < size; k += (n > 10 ? 97 : 1)) {
    double sum = 0;
    for (std::size_t x = 0; x < size; ++x) sum += (std::popcount(k & x) % 2 ? -1.0 : 1.0) * f[x];
    EXPECT_NEAR(fast[k], sum, kExact * static_cast<double>(size)) << "k=" << k;
  }
}

TEST_P(TransformsTest, FwhtTwiceIsScaledIdentityAndFourierRoundTrips) {
  const int n = GetParam();
  const auto f = random_values(n, 12);
  auto a = f;
  fwht(a);
  fwht(a);
  for (std::size_t x = 0; x < f.size(); ++x)
    EXPECT_NEAR(a[x], f[x] * static_cast<double>(f.size()), kExact * static_cast<double>(f.size()));
  auto spectrum = f;
  values_to_fourier(spectrum);
  fwht(spectrum);  // f = sum_k F(k) (-1)^{<k,x>}
  for (std::size_t x = 0; x < f.size(); ++x) EXPECT_NEAR(spectrum[x], f[x], kExact);
}

TEST_P(TransformsTest, SubsetSumAndMobiusMatchTheirDefinitionsAndInvertEachOther) {
  const int n = GetParam();
  const auto f = random_values(n, 13);
  auto zeta = f;
  subset_sum(zeta);
  auto mob = f;
  mobius(mob);
  auto super = f;
  superset_sum(super);
  const std::size_t size = f.size();
  for (std::size_t s = 0; s < size; s += (n > 10 ? 61 : 1)) {
    double zeta_sum = 0, mobius_sum = 0, super_sum = 0;
    for (std::size_t t = 0; t < size; ++t) {
      if ((t & s) == t) {
        zeta_sum += f[t];
        mobius_sum += (std::popcount(s ^ t) % 2 ? -1.0 : 1.0) * f[t];
      }
      if ((t & s) == s) super_sum += f[t];
    }
    EXPECT_NEAR(zeta[s], zeta_sum, kExact * 100);
    EXPECT_NEAR(mob[s], mobius_sum, kExact * 100);
    EXPECT_NEAR(super[s], super_sum, kExact * 100);
  }
  subset_sum(mob);
  for (std::size_t x = 0; x < size; ++x) EXPECT_NEAR(mob[x], f[x], kExact * 100);
}

INSTANTIATE_TEST_SUITE_P(Sizes, TransformsTest, ::testing::Values(1, 2, 3, 5, 8, 10, 13));

}  // namespace
}  // namespace spexbench
