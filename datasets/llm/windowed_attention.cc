#include "datasets/llm/windowed_attention.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <limits>
#include <vector>

namespace spexbench::llm {

torch::Tensor windowed_attention(const torch::Tensor& qkv, const torch::Tensor& distance_bias) {
  const std::int64_t batch = qkv.size(0), length = qkv.size(1), width = qkv.size(2) / 3,
                     heads = distance_bias.size(0), window = distance_bias.size(1),
                     head_width = width / heads;
  const std::vector<torch::Tensor> parts = qkv.chunk(3, -1);
  auto split = [&](const torch::Tensor& t) {  // (B, L, W) -> (B, heads, L, head_width)
    return t.reshape({batch, length, heads, head_width}).transpose(1, 2);
  };
  const torch::Tensor q = split(parts[0]) / std::sqrt(static_cast<double>(head_width));
  // Keys and values padded in front with window - 1 empty positions: the slice starting at
  // window - 1 - d holds, at each position t, position t - d. One elementwise product per
  // distance: O(length x window) and no copies of the windows (dense attention would be
  // O(length^2); unfolding the windows copies them into every matrix product).
  namespace F = torch::nn::functional;
  const F::PadFuncOptions front({0, 0, window - 1, 0});
  const torch::Tensor keys = F::pad(split(parts[1]), front),
                      values = F::pad(split(parts[2]), front);
  auto at_distance = [&](const torch::Tensor& padded, std::int64_t d) {
    return padded.narrow(2, window - 1 - d, length);
  };
  std::vector<torch::Tensor> by_distance;
  for (std::int64_t d = 0; d < window; ++d)
    by_distance.push_back((q * at_distance(keys, d)).sum(-1));
  torch::Tensor scores =
      torch::stack(by_distance, -1);  // (B, heads, L, window): slot d = distance d
  scores = scores + distance_bias.view({1, heads, 1, window});
  const auto on_device = torch::TensorOptions().device(qkv.device());
  const torch::Tensor before_start =
      torch::arange(length, on_device).unsqueeze(1) < torch::arange(window, on_device).unsqueeze(0);
  scores = scores.masked_fill(before_start, -std::numeric_limits<float>::infinity());
  const torch::Tensor weights = torch::softmax(scores, -1);
  torch::Tensor out = weights.narrow(-1, 0, 1) * at_distance(values, 0);  // (B, heads, L, hw)
  for (std::int64_t d = 1; d < window; ++d)
    out = out + weights.narrow(-1, d, 1) * at_distance(values, d);
  return out.transpose(1, 2).reshape({batch, length, width});
}

torch::Tensor windowed_attention_cpu(const torch::Tensor& qkv_tensor,
                                     const torch::Tensor& bias_tensor) {
  TORCH_CHECK(qkv_tensor.is_cpu() && qkv_tensor.scalar_type() == torch::kFloat32,
              "windowed_attention_cpu: float32 CPU input");
  const torch::Tensor qkv_contiguous = qkv_tensor.contiguous();
  const torch::Tensor bias_contiguous = bias_tensor.contiguous();
  const std::int64_t batch = qkv_contiguous.size(0), length = qkv_contiguous.size(1),
                     width = qkv_contiguous.size(2) / 3, heads = bias_contiguous.size(0),
                     window = bias_contiguous.size(1), head_width = width / heads;
  torch::Tensor out_tensor = torch::empty({batch, length, width}, torch::kFloat32);
  const float* qkv = qkv_contiguous.data_ptr<float>();
  const float* bias = bias_contiguous.data_ptr<float>();
  float* out = out_tensor.data_ptr<float>();
  const float scale = 1.0F / std::sqrt(static_cast<float>(head_width));
  const std::int64_t row = 3 * width;  // floats per token in qkv
  at::parallel_for(0, batch * length, 16, [&](std::int64_t begin, std::int64_t end) {
    std::vector<float> scores(static_cast<std::size_t>(window));
    for (std::int64_t token = begin; token < end; ++token) {
      const std::int64_t t = token % length, reach = std::min(window, t + 1);
      const float* here = qkv + token * row;
      for (std::int64_t h = 0; h < heads; ++h) {
        const float* query = here + h * head_width;
        float largest = -std::numeric_limits<float>::infinity();
        for (std::int64_t d = 0; d < reach; ++d) {
          const float* key = here - d * row + width + h * head_width;
          float dot = 0;
          for (std::int64_t i = 0; i < head_width; ++i) dot += query[i] * scale * key[i];
          scores[static_cast<std::size_t>(d)] = dot + bias[h * window + d];
          largest = std::max(largest, scores[static_cast<std::size_t>(d)]);
        }
        float total = 0;
        for (std::int64_t d = 0; d < reach; ++d) {
          scores[static_cast<std::size_t>(d)] =
              std::exp(scores[static_cast<std::size_t>(d)] - largest);
          total += scores[static_cast<std::size_t>(d)];
        }
        float* result = out + token * width + h * head_width;
        for (std::int64_t i = 0; i < head_width; ++i) result[i] = 0;
        for (std::int64_t d = 0; d < reach; ++d) {
          const float p = scores[static_cast<std::size_t>(d)] / total;
          const float* value = here - d * row + 2 * width + h * head_width;
          for (std::int64_t i = 0; i < head_width; ++i) result[i] += p * value[i];
        }
      }
    }
  });
  return out_tensor;
}

}  // namespace spexbench::llm
