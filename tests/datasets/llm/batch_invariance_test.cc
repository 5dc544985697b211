#include "datasets/llm/batch_invariance.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "core/error.h"
#include "core/rng.h"
#include "datasets/llm/review_grammar.h"
#include "datasets/llm/review_transformer.h"

namespace spexbench::llm {
namespace {

TEST(BatchInvariance, OnTheCpuEveryMaskHasAForwardPassOfItsOwn) {
  for (const int threads : {1, 2, 3}) {
    std::mutex mutex;
    std::vector<std::size_t> counts;
    std::vector<double> out(10, -1);
    evaluate_masks(10, {.on_cpu = true, .batch = 4, .threads = threads}, out,
                   [&](std::size_t first, std::size_t count) {
                     const std::lock_guard lock(mutex);
                     counts.push_back(count);
                     return std::vector<double>(count, static_cast<double>(first));
                   });
    EXPECT_EQ(counts, std::vector<std::size_t>(10, 1)) << threads;
    for (std::size_t i = 0; i < out.size(); ++i)
      EXPECT_EQ(out[i], static_cast<double>(i)) << threads;
  }
}

TEST(BatchInvariance, OnAGpuMasksGoInBatches) {
  std::vector<std::size_t> counts;
  std::vector<double> out(10, -1);
  evaluate_masks(10, {.on_cpu = false, .batch = 4, .threads = 2}, out,
                 [&](std::size_t first, std::size_t count) {
                   counts.push_back(count);
                   std::vector<double> values(count);
                   for (std::size_t r = 0; r < count; ++r)
                     values[r] = static_cast<double>(first + r);
                   return values;
                 });
  EXPECT_EQ(counts, (std::vector<std::size_t>{4, 4, 2}));
  for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], static_cast<double>(i));
}

TEST(BatchInvariance, AForwardPassThatThrowsStopsTheRestAndIsRethrown) {
  for (const int threads : {1, 2}) {
    std::atomic<int> calls = 0;
    std::vector<double> out(1000);
    EXPECT_THROW(evaluate_masks(1000, {.threads = threads}, out,
                                [&](std::size_t first, std::size_t count) {
                                  ++calls;
                                  if (first == 3) throw std::runtime_error("model failed");
                                  return std::vector<double>(count, 0.0);
                                }),
                 std::runtime_error)
        << threads;
    // One thread takes the masks in order; with more, the others finish the masks they started.
    if (threads == 1) {
      EXPECT_EQ(calls.load(), 4);
    }
  }
}

TEST(BatchInvariance, AForwardPassReturningTheWrongNumberOfValuesIsAnError) {
  std::vector<double> out(3);
  EXPECT_THROW(evaluate_masks(3, {}, out,
                              [](std::size_t, std::size_t) {
                                return std::vector<double>{1, 2};
                              }),
               Error);
}

/// `rows` copies of one review of `words` words, each with random words masked.
torch::Tensor review_tokens(int rows, int words, std::uint64_t seed) {
  Rng rng(seed);
  const Review review = generate_review(words, rng);
  const std::vector<int> positions = review.word_positions();
  torch::Tensor batch = torch::tensor(review.tokens()).repeat({rows, 1});
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < words; ++i)
      if (rng.uniform() < 0.5) batch[r][positions[static_cast<std::size_t>(i)]] = kReviewMaskToken;
  return batch;
}

// The property the tasks rely on, through a real model: a mask's value is the same whichever
// masks share its call, in whatever order, on any number of threads. A batched forward pass of
// this model does not have it on every CPU (OpenBLAS's Haswell and Zen kernels round a product's
// last rows apart), which is why the tasks never batch on the CPU.
TEST(BatchInvariance, AModelsValuesDoNotDependOnTheMasksBesideThemOrTheThreads) {
  torch::manual_seed(3);
  ReviewTransformer model(ReviewTransformerShape{}, review_vocabulary_size());
  for (auto& p : model->parameters()) p.data().normal_(0, 0.3);
  model->eval();
  const torch::Tensor tokens = review_tokens(64, 70, 4);
  auto values = [&](const torch::Tensor& rows, int threads) {
    std::vector<double> out(static_cast<std::size_t>(rows.size(0)));
    evaluate_masks(
        out.size(), {.threads = threads}, out, [&](std::size_t first, std::size_t count) {
          const torch::Tensor logits =
              model
                  ->forward(rows.slice(0, static_cast<std::int64_t>(first),
                                       static_cast<std::int64_t>(first + count)))
                  .to(torch::kFloat64);
          return std::vector<double>(logits.data_ptr<double>(), logits.data_ptr<double>() + count);
        });
    return out;
  };
  const std::vector<double> reference = values(tokens, 1);
  EXPECT_EQ(values(tokens, 2), reference);
  EXPECT_EQ(values(tokens, 3), reference);
  std::vector<double> reversed = values(tokens.flip(0), 2);
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(reversed, reference);
  EXPECT_EQ(values(tokens.slice(0, 10, 17), 2),
            std::vector<double>(reference.begin() + 10, reference.begin() + 17));
}

}  // namespace
}  // namespace spexbench::llm
