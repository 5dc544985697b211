// Built into the LLM test binary, which links every plug-in of the build: every shipped suite, the
// llm.* ones included, must load and expand here (those of proxyspex and tabular.trees only where
// XGBoost is found).
#include <gtest/gtest.h>

#include "tests/suites/shipped_suites.h"

namespace spexbench {
namespace {

TEST(Suite, EveryShippedSuiteLoadsWithEveryPlugin) {
  const int loaded = test::load_shipped_suites([](const std::string& message) {
    return message.find("unknown explainer 'proxyspex") != std::string::npos ||
           message.find("unknown task 'tabular.") != std::string::npos;
  });
  EXPECT_GE(loaded, 8);
}

}  // namespace
}  // namespace spexbench
