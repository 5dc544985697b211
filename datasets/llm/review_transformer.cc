#include "datasets/llm/review_transformer.h"

#include <cmath>
#include <limits>
#include <string>

#include "datasets/llm/review_grammar.h"

namespace spexbench::llm {

ReviewTransformerImpl::ReviewTransformerImpl(const ReviewTransformerShape& shape,
                                             std::int64_t vocabulary)
    : shape_(shape) {
  const std::int64_t width = shape.width;
  embedding_ = register_module("embedding", torch::nn::Embedding(vocabulary, width));
  for (int l = 0; l < shape.layers; ++l) {
    const std::string prefix = "block" + std::to_string(l) + "_";
    Block block;
    block.attention_norm = register_module(prefix + "attention_norm",
                                           torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
    block.qkv = register_module(prefix + "qkv", torch::nn::Linear(width, 3 * width));
    block.output = register_module(prefix + "output", torch::nn::Linear(width, width));
    block.distance_bias =
        register_parameter(prefix + "distance_bias", torch::zeros({shape.heads, shape.window}));
    block.mlp_norm = register_module(prefix + "mlp_norm",
                                     torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
    block.hidden = register_module(prefix + "hidden", torch::nn::Linear(width, 2 * width));
    block.back = register_module(prefix + "back", torch::nn::Linear(2 * width, width));
    blocks_.push_back(block);
  }
  final_norm_ = register_module("final_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
  readout_ = register_module("readout", torch::nn::Linear(width, 1));
  // A zero readout starts every logit at 0: sum-pooled random readouts start long reviews at
  // logits in the tens, where training stalls.
  torch::NoGradGuard no_grad;
  readout_->weight.zero_();
  readout_->bias.zero_();
}

torch::Tensor ReviewTransformerImpl::attend(Block& block, const torch::Tensor& x,
                                            const torch::Tensor& head_mask) {
  const std::int64_t batch = x.size(0), length = x.size(1), heads = shape_.heads,
                     window = shape_.window, head_width = shape_.width / shape_.heads;
  const std::vector<torch::Tensor> qkv = block.qkv(block.attention_norm(x)).chunk(3, -1);
  auto split = [&](const torch::Tensor& t) {  // (B, L, W) -> (B, heads, L, head_width)
    return t.view({batch, length, heads, head_width}).transpose(1, 2);
  };
  const torch::Tensor q = split(qkv[0]) / std::sqrt(static_cast<double>(head_width));
  // Keys and values padded in front with window - 1 empty positions: the slice starting at
  // window - 1 - d holds, at each position t, position t - d. One elementwise product per
  // distance d: O(length x window), and no copies of the windows (faster than unfold + matmul
  // at every length; dense attention would be O(length^2)).
  namespace F = torch::nn::functional;
  const F::PadFuncOptions front({0, 0, window - 1, 0});
  const torch::Tensor keys = F::pad(split(qkv[1]), front), values = F::pad(split(qkv[2]), front);
  auto at_distance = [&](const torch::Tensor& padded, std::int64_t d) {
    return padded.narrow(2, window - 1 - d, length);
  };
  std::vector<torch::Tensor> by_distance;
  for (std::int64_t d = 0; d < window; ++d) by_distance.push_back((q * at_distance(keys, d)).sum(-1));
  torch::Tensor scores = torch::stack(by_distance, -1);  // (B, heads, L, window): slot d = distance d
  scores = scores + block.distance_bias.view({1, heads, 1, window});
  const auto on_device = torch::TensorOptions().device(x.device());
  const torch::Tensor before_start =
      torch::arange(length, on_device).unsqueeze(1) < torch::arange(window, on_device).unsqueeze(0);
  scores = scores.masked_fill(before_start, -std::numeric_limits<float>::infinity());
  const torch::Tensor weights = torch::softmax(scores, -1);
  torch::Tensor heads_out = weights.narrow(-1, 0, 1) * at_distance(values, 0);  // (B,h,L,hw)
  for (std::int64_t d = 1; d < window; ++d)
    heads_out = heads_out + weights.narrow(-1, d, 1) * at_distance(values, d);
  if (head_mask.defined()) heads_out = apply_head_mask(heads_out, head_mask);
  return block.output(heads_out.transpose(1, 2).reshape({batch, length, shape_.width}));
}

torch::Tensor apply_head_mask(const torch::Tensor& head_outputs, const torch::Tensor& layer_mask) {
  const std::int64_t batch = head_outputs.size(0), heads = head_outputs.size(1);
  const torch::Tensor keep = layer_mask.to(head_outputs.dtype());  // (B, heads)
  const torch::Tensor kept = keep.sum(1, true).clamp_min(1.0);     // (B, 1); no kept head: all 0
  const torch::Tensor scale = keep * (static_cast<double>(heads) / kept);
  return head_outputs * scale.view({batch, heads, 1, 1});
}

torch::Tensor ReviewTransformerImpl::forward(const torch::Tensor& tokens, const torch::Tensor& head_mask) {
  torch::Tensor x = embedding_(tokens);
  for (std::size_t l = 0; l < blocks_.size(); ++l) {
    Block& block = blocks_[l];
    const torch::Tensor layer_mask =
        head_mask.defined() ? head_mask.select(1, static_cast<std::int64_t>(l)) : torch::Tensor();
    x = x + attend(block, x, layer_mask);
    x = x + block.back(torch::relu(block.hidden(block.mlp_norm(x))));
  }
  // The readout as a product and a sum over the width, not readout_(...): a linear map to one
  // output goes to a matrix-vector product whose rounding depends on how many rows it gets, and
  // a mask's value must not depend on the batch it comes in.
  const torch::Tensor per_token =
      (final_norm_(x) * readout_->weight.view({1, 1, -1})).sum(-1) + readout_->bias;  // (B, L)
  return (per_token * (tokens != kPadToken).to(per_token.dtype())).sum(1);
}

}  // namespace spexbench::llm
