#include "datasets/llm/planted_transformer.h"

#include <map>

namespace spexbench::llm {

PlantedTransformerImpl::PlantedTransformerImpl(const SparsePolynomial& mobius, torch::Dtype dtype) {
  const std::int64_t n = mobius.num_features();
  // Presence dimensions only for the words some term uses; the last dimension is [CLS]'s flag.
  std::map<std::uint32_t, std::int64_t> dimension;
  for (std::size_t t = 0; t < mobius.size(); ++t)
    for (const std::uint32_t i : mobius.term(t)) dimension.emplace(i, 0);
  std::int64_t next = 0;
  for (auto& [word, dim] : dimension) dim = next++;
  width_ = next + 1;
  const std::int64_t flag = next;
  std::int64_t units = 0;
  for (std::size_t t = 0; t < mobius.size(); ++t) units += mobius.degree(t) > 0 ? 1 : 0;
  units = std::max<std::int64_t>(units, 1);

  embedding_ = register_module("embedding", torch::nn::Embedding(n + 2, width_));
  query_ = register_module("query", torch::nn::Linear(width_, width_));
  key_ = register_module("key", torch::nn::Linear(width_, width_));
  value_ = register_module("value",
                           torch::nn::Linear(torch::nn::LinearOptions(width_, width_).bias(false)));
  hidden_ = register_module("hidden", torch::nn::Linear(width_, units));
  readout_ = register_module("readout", torch::nn::Linear(units, 1));
  to(dtype);

  torch::NoGradGuard no_grad;
  embedding_->weight.zero_();
  embedding_->weight[kClsToken][flag] = 1.0;
  for (const auto& [word, dim] : dimension) embedding_->weight[2 + word][dim] = 1.0;
  for (auto* layer : {&query_, &key_}) {
    (*layer)->weight.zero_();
    (*layer)->bias.zero_();
  }
  value_->weight.zero_();  // scaled by the sequence length in forward()
  for (std::int64_t d = 0; d < flag; ++d) value_->weight[d][d] = 1.0;
  hidden_->weight.zero_();
  hidden_->bias.zero_();
  readout_->weight.zero_();
  readout_->bias.zero_();
  std::int64_t unit = 0;
  for (std::size_t t = 0; t < mobius.size(); ++t) {
    if (mobius.degree(t) == 0) {
      readout_->bias[0] += mobius.coef(t);
      continue;
    }
    for (const std::uint32_t i : mobius.term(t)) hidden_->weight[unit][dimension.at(i)] = 1.0;
    hidden_->weight[unit][flag] = 1.0 - static_cast<double>(mobius.degree(t));
    readout_->weight[0][unit] = mobius.coef(t);
    ++unit;
  }
}

torch::Tensor PlantedTransformerImpl::forward(const torch::Tensor& tokens) {
  const auto length = tokens.size(1);
  const torch::Tensor x = embedding_(tokens);             // (B, L, W)
  const torch::Tensor cls = x.select(1, 0).unsqueeze(1);  // (B, 1, W)
  const torch::Tensor scores = torch::matmul(query_(cls), key_(x).transpose(1, 2)) /
                               std::sqrt(static_cast<double>(width_));  // (B, 1, L)
  const torch::Tensor attention = torch::softmax(scores, -1);
  const torch::Tensor pooled = torch::matmul(attention, value_(x)) * static_cast<double>(length);
  const torch::Tensor h = (pooled + cls).squeeze(1);  // residual: x and the flag
  // The readout as a product and a sum, not readout_(...): a map to one output goes to a
  // matrix-vector product, the BLAS call whose rounding varies most with its shape.
  return (torch::relu(hidden_(h)) * readout_->weight).sum(1) + readout_->bias;
}

}  // namespace spexbench::llm
