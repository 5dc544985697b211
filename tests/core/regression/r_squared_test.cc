#include "core/regression/r_squared.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/error.h"

namespace spexbench {
namespace {

TEST(RSquared, MatchesAHandComputedValue) {
  // observed 1, 2, 3, 6 (mean 3): SS_tot = 4 + 1 + 0 + 9 = 14; residuals 0, 1, -1, 2: SS_res = 6.
  const std::vector<double> observed{1, 2, 3, 6}, predicted{1, 1, 4, 4};
  EXPECT_DOUBLE_EQ(*r_squared(observed, predicted, ConstantObserved::kUndefined), 1 - 6.0 / 14);
  EXPECT_DOUBLE_EQ(*r_squared(observed, predicted, ConstantObserved::kSklearn), 1 - 6.0 / 14);
  EXPECT_DOUBLE_EQ(*r_squared(observed, observed, ConstantObserved::kUndefined), 1.0);
}

TEST(RSquared, ConstantObservedValuesFollowTheNamedConvention) {
  const std::vector<double> constant{2, 2, 2}, exact{2, 2, 2}, off{2, 3, 2};
  EXPECT_FALSE(r_squared(constant, exact, ConstantObserved::kUndefined).has_value());
  EXPECT_FALSE(r_squared(constant, off, ConstantObserved::kUndefined).has_value());
  EXPECT_EQ(*r_squared(constant, exact, ConstantObserved::kSklearn), 1.0);
  EXPECT_EQ(*r_squared(constant, off, ConstantObserved::kSklearn), 0.0);
}

TEST(RSquared, ANonFiniteObservedValueGivesNaN) {
  // Not "constant": the faithfulness metric must see the NaN and fail its cell.
  const std::vector<double> observed{1, NAN, 3}, predicted{1, 2, 3};
  EXPECT_TRUE(std::isnan(*r_squared(observed, predicted, ConstantObserved::kUndefined)));
}

TEST(RSquared, MismatchedOrEmptyInputsAreErrors) {
  const std::vector<double> two{1, 2}, three{1, 2, 3}, none;
  EXPECT_THROW((void)r_squared(two, three, ConstantObserved::kUndefined), Error);
  EXPECT_THROW((void)r_squared(none, none, ConstantObserved::kUndefined), Error);
}

}  // namespace
}  // namespace spexbench
