#include "datasets/llm/windowed_attention.h"

#include <gtest/gtest.h>

#include <cmath>

namespace spexbench::llm {
namespace {

/// The formula itself, one output at a time.
float direct(const torch::Tensor& qkv, const torch::Tensor& bias, std::int64_t b, std::int64_t t,
             std::int64_t h, std::int64_t i) {
  const std::int64_t width = qkv.size(2) / 3, heads = bias.size(0), window = bias.size(1),
                     head_width = width / heads;
  std::vector<double> scores;
  for (std::int64_t d = 0; d < window && d <= t; ++d) {
    double dot = 0;
    for (std::int64_t j = 0; j < head_width; ++j)
      dot += qkv[b][t][h * head_width + j].item<double>() *
             qkv[b][t - d][width + h * head_width + j].item<double>();
    scores.push_back(dot / std::sqrt(static_cast<double>(head_width)) + bias[h][d].item<double>());
  }
  double largest = -INFINITY, total = 0, out = 0;
  for (const double s : scores) largest = std::max(largest, s);
  for (const double s : scores) total += std::exp(s - largest);
  for (std::size_t d = 0; d < scores.size(); ++d)
    out += std::exp(scores[d] - largest) / total *
           qkv[b][t - static_cast<std::int64_t>(d)][2 * width + h * head_width + i].item<double>();
  return static_cast<float>(out);
}

TEST(WindowedAttention, BothImplementationsComputeTheFormula) {
  torch::manual_seed(7);
  for (const auto& [heads, head_width, window] : {std::tuple{4, 8, 16}, {32, 2, 16}, {3, 5, 4}}) {
    const std::int64_t width = heads * head_width, length = 23;
    const torch::Tensor qkv = torch::randn({2, length, 3 * width});
    const torch::Tensor bias = torch::randn({heads, window});
    const torch::Tensor tensors = windowed_attention(qkv, bias);
    const torch::Tensor loop = windowed_attention_cpu(qkv, bias);
    EXPECT_TRUE(torch::allclose(tensors, loop, 1e-5, 1e-5)) << heads << " heads";
    for (const std::int64_t t : {0L, 1L, 5L, 22L})
      for (std::int64_t h = 0; h < heads; h += 2)
        EXPECT_NEAR(loop[1][t][h * head_width].item<float>(), direct(qkv, bias, 1, t, h, 0), 1e-5);
  }
}

TEST(WindowedAttention, TheTensorFormIsDifferentiable) {
  const torch::Tensor qkv = torch::randn({1, 6, 24}, torch::requires_grad());
  const torch::Tensor bias = torch::zeros({2, 4}, torch::requires_grad());
  windowed_attention(qkv, bias).sum().backward();
  EXPECT_TRUE(qkv.grad().defined());
  EXPECT_TRUE(bias.grad().defined());
}

}  // namespace
}  // namespace spexbench::llm
