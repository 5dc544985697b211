#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/cell.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

TEST(LlmPlanted, TheTransformerComputesItsPolynomialAtN1024) {
  // Issue figure: the model against its certified polynomial on random masks, to 1e-5.
  const auto task = TaskRegistry::global().create("llm.planted:n=1024,s=40,d=4", {.seed = 3});
  const SparsePolynomial& truth = *task->ground_truth();
  EXPECT_EQ(truth.basis(), Basis::kMobius);
  Rng rng(4);
  MaskBatch masks = uniform_masks(200, 1024, rng);
  // Masks keeping every word of some terms, so the products are not almost always zero.
  for (std::size_t r = 0; r < 100; ++r)
    for (std::size_t t = 0; t < truth.size(); t += 2)
      for (const auto i : truth.term(t)) masks.set(r, static_cast<int>(i), true);
  std::vector<double> values(masks.rows());
  task->evaluate(masks, values);
  const std::vector<double> expected = truth.evaluate(masks);
  for (std::size_t r = 0; r < masks.rows(); ++r) ASSERT_NEAR(values[r], expected[r], 1e-5) << r;
}

TEST(LlmPlanted, IsDeterministicAndBatchSizeIndependentInBothPrecisions) {
  for (const char* dtype : {"float32", "float64"}) {
    const std::string base = std::string("llm.planted:n=50,s=10,d=3,dtype=") + dtype;
    const auto whole = TaskRegistry::global().create(base + ",batch=300", {.seed = 1});
    const auto pieces = TaskRegistry::global().create(base + ",batch=7", {.seed = 1});
    const auto single = TaskRegistry::global().create(base + ",batch=1", {.seed = 1});
    Rng rng(2);
    const MaskBatch masks = uniform_masks(300, 50, rng);
    std::vector<double> a(300), b(300), c(300);
    whole->evaluate(masks, a);
    pieces->evaluate(masks, b);
    single->evaluate(masks, c);
    EXPECT_EQ(a, b) << dtype;
    EXPECT_EQ(a, c) << dtype;
  }
}

TEST(LlmPlanted, SpexRecoversTheCertifiedInteractions) {
  const CellResult cell = run_cell({.task = "llm.planted:n=256,s=20,d=4",
                                    .explainer = "spex:b=6",
                                    .budget = 20000,
                                    .seed = 5,
                                    .holdout = 300});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GT(cell.metric("r2")->value, 0.999);
  EXPECT_DOUBLE_EQ(cell.metric("support_f1")->value, 1.0);
}

TEST(LlmPlanted, CudaWithoutAGpuIsAClearError) {
  if (torch::cuda::is_available()) GTEST_SKIP() << "a CUDA device is present";
  try {
    (void)TaskRegistry::global().create("llm.planted:n=8,device=cuda", {.seed = 1});
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("device=cuda but no CUDA device is available"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace spexbench
