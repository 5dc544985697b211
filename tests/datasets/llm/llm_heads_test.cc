#include <gtest/gtest.h>

#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

// A small head model (2 layers x 4 heads, briefly trained) keeps the test fast; the default
// 96-head model is exercised by suites/llm-cpu.yaml.
constexpr const char* kSmall =
    "llm.heads:layers=2,heads=4,width=16,train_steps=300,reviews=8,words=12";

std::vector<double> values_of(Task& task, const MaskBatch& masks) {
  std::vector<double> values(masks.rows());
  task.evaluate(masks, values);
  return values;
}

TEST(LlmHeads, EightHeadsHaveTheExactSpectrum) {
  const auto task = TaskRegistry::global().create(kSmall, {.seed = 1});
  ASSERT_EQ(task->num_features(), 8);
  ASSERT_NE(task->ground_truth(), nullptr);
  const MaskBatch all = enumerate_masks(8, 0, 256);
  const std::vector<double> model = values_of(*task, all);
  const std::vector<double> truth = task->ground_truth()->evaluate(all);
  for (std::size_t r = 0; r < all.rows(); ++r) EXPECT_NEAR(truth[r], model[r], 1e-6);
}

TEST(LlmHeads, ValuesAreLogProbabilitiesAndTheHeadsMatter) {
  const auto task = TaskRegistry::global().create(kSmall, {.seed = 2});
  MaskBatch masks(2, 8);
  for (int i = 0; i < 8; ++i) masks.set(0, i, true);  // row 0 keeps every head, row 1 none
  const std::vector<double> values = values_of(*task, masks);
  EXPECT_LT(values[0], 0);
  EXPECT_LT(values[1], 0);
  EXPECT_GT(values[0], values[1]);  // the trained model does better with its heads than without
}

TEST(LlmHeads, ValuesDoNotDependOnTheBatchOrTheThreads) {
  const auto whole = TaskRegistry::global().create(std::string(kSmall) + ",batch=64", {.seed = 3});
  const auto single =
      TaskRegistry::global().create(std::string(kSmall) + ",batch=1,threads=2", {.seed = 3});
  Rng rng(4);
  const MaskBatch masks = uniform_masks(64, 8, rng);
  EXPECT_EQ(values_of(*whole, masks), values_of(*single, masks));
}

TEST(LlmHeads, AWidthThatHeadsDoNotDivideIsAClearError) {
  try {
    (void)TaskRegistry::global().create("llm.heads:heads=5,width=16", {.seed = 1});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("width=16 is not a multiple of heads=5"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace spexbench
