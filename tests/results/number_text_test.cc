#include "results/number_text.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

TEST(NumberText, FixedDecimalsRoundsToTheDigitsAfterThePoint) {
  EXPECT_EQ(fixed_decimals(0.98765, 3), "0.988");
  EXPECT_EQ(fixed_decimals(-0.5, 0), "-0");  // printf rounds half to even
  EXPECT_EQ(fixed_decimals(12.0, 2), "12.00");
}

TEST(NumberText, SignificantKeepsTheLeadingDigits) {
  EXPECT_EQ(significant(0.000123456, 3), "0.000123");
  EXPECT_EQ(significant(1234.5, 3), "1.23e+03");
  EXPECT_EQ(significant(0.5, 6), "0.5");
}

}  // namespace
}  // namespace spexbench
