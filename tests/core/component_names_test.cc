#include "core/component_names.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

TEST(ComponentNames, GeneratedNamesAreRecognised) {
  const std::vector<std::string> names = generated_component_names(3);
  EXPECT_EQ(names, (std::vector<std::string>{"x0", "x1", "x2"}));
  EXPECT_TRUE(are_generated_component_names(names));
  EXPECT_TRUE(are_generated_component_names({}));
  EXPECT_FALSE(are_generated_component_names({"x0", "good"}));
  EXPECT_FALSE(are_generated_component_names({"x1"}));
}

TEST(ComponentNames, RepeatedNamesGetTheirIndex) {
  EXPECT_EQ(distinct_component_names({"not", "good", "not", "bad"}),
            (std::vector<std::string>{"not@0", "good", "not@2", "bad"}));
}

}  // namespace
}  // namespace spexbench
