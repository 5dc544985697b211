#include "algorithms/spex/galois_field.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace spexbench::spex {
namespace {

TEST(GaloisField, EveryDegreeHasAPrimitiveElementAndFieldIdentities) {
  for (int m = 2; m <= GaloisField::kMaxDegree; ++m) {
    const GaloisField field(m);  // asserts that a has full order 2^m - 1
    const std::uint32_t order = field.order();
    for (std::uint32_t a = 1; a < std::min<std::uint32_t>(order, 300); ++a) {
      EXPECT_EQ(field.mul(a, field.inv(a)), 1u) << "m=" << m << " a=" << a;
      EXPECT_EQ(field.mul(a, 1), a);
      EXPECT_EQ(field.div(field.mul(a, 7 % order + 1), 7 % order + 1), a);
      EXPECT_EQ(field.alpha_pow(field.log(a)), a);
    }
    // Distributivity and the Frobenius map (a + b)^2 = a^2 + b^2.
    const std::uint32_t a = 3 % order + 1, b = 5 % order + 1, c = 6 % order + 1;
    EXPECT_EQ(field.mul(a, b ^ c), field.mul(a, b) ^ field.mul(a, c));
    EXPECT_EQ(field.square(a ^ b), field.square(a) ^ field.square(b));
  }
}

TEST(GaloisField, DegreesOutsideTheSupportedRangeAreErrors) {
  EXPECT_THROW(GaloisField(1), Error);
  EXPECT_THROW(GaloisField(20), Error);
}

}  // namespace
}  // namespace spexbench::spex
