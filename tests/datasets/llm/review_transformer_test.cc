#include "datasets/llm/review_transformer.h"

#include <gtest/gtest.h>

#include "core/rng.h"
#include "datasets/llm/review_grammar.h"

namespace spexbench::llm {
namespace {

torch::Tensor review_tokens(int rows, int words, std::uint64_t seed) {
  Rng rng(seed);
  const Review review = generate_review(words, rng);
  const std::vector<std::int64_t> tokens = review.tokens();
  const std::vector<int> positions = review.word_positions();
  torch::Tensor batch = torch::tensor(tokens).repeat({rows, 1});
  for (int r = 0; r < rows; ++r)
    for (int i = 0; i < words; ++i)
      if (rng.uniform() < 0.5) batch[r][positions[static_cast<std::size_t>(i)]] = kReviewMaskToken;
  return batch;
}

TEST(ReviewTransformer, HeadMaskZeroesAblatedHeadsAndRescalesTheKeptOnes) {
  // 2 rows, 3 positions, 4 heads of width 2 side by side.
  const torch::Tensor outputs = torch::ones({2, 3, 8});
  const torch::Tensor mask = torch::tensor({1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0}).view({2, 4});
  const torch::Tensor masked = apply_head_mask(outputs, mask).view({2, 3, 4, 2});
  EXPECT_TRUE(
      torch::allclose(masked.select(2, 0)[0], torch::full({3, 2}, 2.0)));  // 4 heads / 2 kept
  EXPECT_TRUE(torch::allclose(masked.select(2, 1)[0], torch::zeros({3, 2})));
  EXPECT_TRUE(torch::allclose(masked.select(2, 2)[0], torch::full({3, 2}, 2.0)));
  EXPECT_TRUE(torch::allclose(masked[1], torch::zeros({3, 4, 2})));  // nothing kept
}

TEST(ReviewTransformer, AllHeadsKeptIsTheUnmaskedModel) {
  torch::manual_seed(1);
  ReviewTransformer model(ReviewTransformerShape{}, review_vocabulary_size());
  for (auto& p : model->parameters()) p.data().normal_(0, 0.3);  // a non-trivial readout
  model->eval();
  const torch::InferenceMode inference;
  const torch::Tensor tokens = review_tokens(6, 40, 2);
  const torch::Tensor all = torch::ones({6, 2, 4});
  EXPECT_TRUE(torch::equal(model->forward(tokens), model->forward(tokens, all)));
  torch::Tensor one_off = all.clone();
  one_off.select(1, 1).select(1, 2).fill_(0);
  EXPECT_FALSE(torch::allclose(model->forward(tokens), model->forward(tokens, one_off)));
}

TEST(ReviewTransformer, AttentionIsLocalAndCausal) {
  // Each layer sees the `window` tokens ending at a position, so a change at position 1 reaches
  // no further than position 1 + layers (window - 1): the logit changes by the same amount whether
  // the review goes on after that or not.
  torch::manual_seed(5);
  ReviewTransformerShape shape;
  ReviewTransformer model(shape, review_vocabulary_size());
  for (auto& p : model->parameters()) p.data().normal_(0, 0.3);
  model->eval();
  const torch::InferenceMode inference;
  torch::Tensor a = review_tokens(1, 60, 6);
  torch::Tensor b = a.clone();
  b[0][1] = kReviewMaskToken == a[0][1].item<std::int64_t>() ? 4 : kReviewMaskToken;
  const std::int64_t reach = shape.layers * (shape.window - 1) + 1;  // tokens a change can touch
  const torch::Tensor whole = model->forward(b) - model->forward(a);
  const torch::Tensor head =
      model->forward(b.slice(1, 0, reach + 1)) - model->forward(a.slice(1, 0, reach + 1));
  EXPECT_NEAR(whole.item<double>(), head.item<double>(), 1e-4);
}

}  // namespace
}  // namespace spexbench::llm
