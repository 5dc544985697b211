// The suite's own review classifier: a small causal transformer with local attention, trained on
// the review grammar (review_grammar.h) by review_classifier.h. It is also the model of the
// attention-head lens (llm.heads), so its forward pass takes a head mask.
//
//   embedding      token -> width
//   layers x       pre-norm block: causal self-attention over the last `window` tokens with a
//                  learned bias per head and distance (relative positions, as in T5), so nothing
//                  depends on absolute position and reviews of any length read alike; then a
//                  ReLU MLP of 2 x width. Both add to the residual stream.
//   readout        layer norm, a linear map to one number per token, summed over the tokens:
//                  the positive-class logit (log-odds), sum-pooled so that each sentiment phrase
//                  adds its own evidence whatever the review's length.
//
// Head mask (optional): (batch, layers, heads), 1 keeps a head, 0 ablates it. An ablated head's
// output is zeroed and the layer's concatenated head output is rescaled by heads / kept heads
// (ProxySPEX's head-ablation lens); a layer with no kept head contributes nothing.
#pragma once

#include <torch/torch.h>

namespace spexbench::llm {

struct ReviewTransformerShape {
  int layers = 2;
  int heads = 4;
  int width = 32;   ///< a multiple of heads
  int window = 16;  ///< tokens each position attends to, itself included
};

class ReviewTransformerImpl : public torch::nn::Module {
 public:
  ReviewTransformerImpl(const ReviewTransformerShape& shape, std::int64_t vocabulary);
  /// tokens: (batch, length) int64, right-padded with kPadToken -> (batch) logits.
  torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& head_mask = {});
  [[nodiscard]] const ReviewTransformerShape& shape() const { return shape_; }

 private:
  struct Block {
    torch::nn::LayerNorm attention_norm{nullptr}, mlp_norm{nullptr};
    torch::nn::Linear qkv{nullptr}, output{nullptr}, hidden{nullptr}, back{nullptr};
    torch::Tensor distance_bias;  ///< (heads, window): entry d is the bias for distance d
  };
  torch::Tensor attend(Block& block, const torch::Tensor& x, const torch::Tensor& head_mask);

  ReviewTransformerShape shape_;
  torch::nn::Embedding embedding_{nullptr};
  std::vector<Block> blocks_;
  torch::nn::LayerNorm final_norm_{nullptr};
  torch::nn::Linear readout_{nullptr};
};
TORCH_MODULE(ReviewTransformer);

/// One layer's head outputs (batch, length, width: heads side by side) under its head mask
/// (batch, heads): ablated heads zeroed, kept ones scaled by heads / kept heads.
[[nodiscard]] torch::Tensor apply_head_mask(const torch::Tensor& head_outputs,
                                            const torch::Tensor& layer_mask);

}  // namespace spexbench::llm
