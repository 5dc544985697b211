// The LLM tasks are registered in the libtorch test binary, the only one that links them: a
// dropped object file would fail here rather than silently shrink a sweep.
#include <gtest/gtest.h>

#include "core/task.h"

namespace spexbench {
namespace {

TEST(LlmRegistry, EveryLlmTaskIsRegistered) {
  for (const char* name :
       {"llm.sentiment", "llm.heads", "llm.planted", "llm.circuit", "llm.torchscript"})
    EXPECT_NE(TaskRegistry::global().find(name), nullptr) << name;
}

}  // namespace
}  // namespace spexbench
