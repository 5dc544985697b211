// Causal self-attention over a sliding window with a learned bias per head and distance, the
// attention of the review classifier (review_transformer.h):
//
//   out[b, t, head] = sum_{d < window, d <= t} p_d v[b, t - d, head],
//   p = softmax_d( q[b, t, head] . k[b, t - d, head] / sqrt(head width) + bias[head, d] ).
//
// Two implementations of one formula: windowed_attention() in tensor operations, differentiable
// and on any device (training, CUDA); windowed_attention_cpu() a direct loop for inference on the
// CPU, several times faster when heads are narrow (the 96-head model has 2 dimensions per head,
// where tensor operations spend their time on overhead, not arithmetic). Both compute each
// output from its own row only, so neither depends on the batch it runs in.
#pragma once

#include <torch/torch.h>

namespace spexbench::llm {

/// qkv: (batch, length, 3 x width), queries, keys and values side by side, each `heads` blocks of
/// width / heads; distance_bias: (heads, window). Returns (batch, length, width), heads side by
/// side.
[[nodiscard]] torch::Tensor windowed_attention(const torch::Tensor& qkv,
                                               const torch::Tensor& distance_bias);

/// The same on contiguous float32 CPU tensors, without autograd.
[[nodiscard]] torch::Tensor windowed_attention_cpu(const torch::Tensor& qkv,
                                                   const torch::Tensor& distance_bias);

}  // namespace spexbench::llm
