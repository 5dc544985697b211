// A transformer whose weights are set by hand so that its output is exactly a given sparse
// polynomial of which words are present: the certified ground truth of `llm.planted`.
//
// Input: token ids [CLS, w_1, ..., w_n], where w_i is word i's token when it is kept and the
// [MASK] token when it is ablated. The layers, in order:
//   embedding   word i's token -> one-hot presence dimension of i (for the words any term uses;
//               other words and [MASK] embed to zero); [CLS] -> a constant flag dimension;
//   attention   one head, zero query and key weights (uniform attention), value = (L) * identity
//               off the flag, L the sequence length: at [CLS] the output is exactly the presence
//               vector x; the residual connection adds [CLS]'s flag, the constant 1;
//   MLP         one ReLU unit per Möbius term S: ReLU(sum_{i in S} x_i - |S| + 1) = prod_{i in S}
//   x_i
//               for 0/1 presences;
//   readout     sum_S a(S) unit_S + a(∅).
// So f(mask) = sum_S a(S) prod_{i in S} mask_i, to floating-point rounding, for any n.
#pragma once

#include <torch/torch.h>

#include "core/sparse_polynomial.h"

namespace spexbench::llm {

/// Token ids: [CLS] = 0, [MASK] = 1, word i = 2 + i.
inline constexpr std::int64_t kClsToken = 0;
inline constexpr std::int64_t kMaskToken = 1;

class PlantedTransformerImpl : public torch::nn::Module {
 public:
  /// `mobius` must be in the Möbius basis; dtype float32 or float64.
  PlantedTransformerImpl(const SparsePolynomial& mobius, torch::Dtype dtype);
  /// tokens: (batch, n + 1) int64 -> (batch) values.
  torch::Tensor forward(const torch::Tensor& tokens);

 private:
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::Linear query_{nullptr}, key_{nullptr}, value_{nullptr};
  torch::nn::Linear hidden_{nullptr}, readout_{nullptr};
  std::int64_t width_ = 0;
};
TORCH_MODULE(PlantedTransformer);

}  // namespace spexbench::llm
