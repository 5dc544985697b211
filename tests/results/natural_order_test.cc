#include "results/natural_order.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

TEST(NaturalOrder, DigitRunsCompareByValue) {
  EXPECT_TRUE(natural_less("synthetic.hierarchical:n=64", "synthetic.hierarchical:n=128"));
  EXPECT_FALSE(natural_less("synthetic.hierarchical:n=128", "synthetic.hierarchical:n=64"));
  EXPECT_TRUE(natural_less("t | spex | 984", "t | spex | 7872"));
  EXPECT_TRUE(natural_less("n=128", "n=128,variant=peak"));  // a prefix comes first
  EXPECT_TRUE(natural_less("n=128,variant=peak", "n=256"));
  EXPECT_TRUE(natural_less("a", "b"));
  EXPECT_TRUE(natural_less("n=7", "n=010"));  // leading zeros do not count
  EXPECT_FALSE(natural_less("x9", "x9"));     // irreflexive
  EXPECT_FALSE(natural_less("", ""));
  EXPECT_TRUE(natural_less("", "a"));
}

}  // namespace
}  // namespace spexbench
