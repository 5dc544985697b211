#include "datasets/llm/review_transformer.h"

#include <string>

#include "datasets/llm/review_grammar.h"
#include "datasets/llm/windowed_attention.h"

namespace spexbench::llm {

ReviewTransformerImpl::ReviewTransformerImpl(const ReviewTransformerShape& shape,
                                             std::int64_t vocabulary)
    : shape_(shape) {
  const std::int64_t width = shape.width;
  embedding_ = register_module("embedding", torch::nn::Embedding(vocabulary, width));
  for (int l = 0; l < shape.layers; ++l) {
    const std::string prefix = "block" + std::to_string(l) + "_";
    Block block;
    block.attention_norm = register_module(
        prefix + "attention_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
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
  final_norm_ =
      register_module("final_norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({width})));
  readout_ = register_module("readout", torch::nn::Linear(width, 1));
  // A zero readout starts every logit at 0: sum-pooled random readouts start long reviews at
  // logits in the tens, where training stalls.
  torch::NoGradGuard no_grad;
  readout_->weight.zero_();
  readout_->bias.zero_();
}

torch::Tensor ReviewTransformerImpl::attend(Block& block, const torch::Tensor& x,
                                            const torch::Tensor& head_mask) {
  const torch::Tensor qkv = block.qkv(block.attention_norm(x));
  // The direct loop where nothing needs gradients (inference on the CPU); tensor operations for
  // training and other devices. windowed_attention.h: one formula, both tested against each other.
  const bool direct =
      !torch::GradMode::is_enabled() && qkv.is_cpu() && qkv.scalar_type() == torch::kFloat32;
  torch::Tensor heads_out = direct ? windowed_attention_cpu(qkv, block.distance_bias)
                                   : windowed_attention(qkv, block.distance_bias);
  if (head_mask.defined()) heads_out = apply_head_mask(heads_out, head_mask);
  return block.output(heads_out);
}

torch::Tensor apply_head_mask(const torch::Tensor& head_outputs, const torch::Tensor& layer_mask) {
  const std::int64_t batch = head_outputs.size(0), length = head_outputs.size(1),
                     width = head_outputs.size(2), heads = layer_mask.size(1);
  const torch::Tensor keep = layer_mask.to(head_outputs.dtype());  // (B, heads)
  const torch::Tensor kept = keep.sum(1, true).clamp_min(1.0);     // (B, 1); no kept head: all 0
  const torch::Tensor scale = keep * (static_cast<double>(heads) / kept);
  return (head_outputs.view({batch, length, heads, width / heads}) *
          scale.view({batch, 1, heads, 1}))
      .view({batch, length, width});
}

torch::Tensor ReviewTransformerImpl::forward(const torch::Tensor& tokens,
                                             const torch::Tensor& head_mask) {
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
