#include "datasets/llm/circuit_transformer.h"

#include <string>

namespace spexbench::llm {
namespace {

constexpr std::int64_t kFlag = 0;
std::int64_t raw_dimension(int gate) { return 1 + 2 * static_cast<std::int64_t>(gate); }
std::int64_t clean_dimension(int gate) { return 2 + 2 * static_cast<std::int64_t>(gate); }
/// The residual dimension a writer reads.
std::int64_t source_dimension(const CircuitWriter& writer) {
  return writer.source == kFlagSource ? kFlag : clean_dimension(writer.source);
}

}  // namespace

CircuitTransformerImpl::CircuitTransformerImpl(const CircuitPlan& plan, int tokens, bool rescale,
                                               torch::Dtype dtype)
    : tokens_(tokens),
      heads_(plan.heads()),
      neurons_(plan.neurons()),
      width_(2 + 2 * static_cast<std::int64_t>(plan.gates().size())),
      rescale_(rescale) {
  const std::int64_t idle = width_ - 1;
  const auto options = torch::TensorOptions().dtype(dtype);
  torch::NoGradGuard no_grad;
  // Idle heads read the flag and write the idle dimension; the gates' writers overwrite theirs.
  for (int l = 0; l < plan.layers(); ++l) {
    torch::Tensor value = torch::zeros({heads_, width_}, options);
    torch::Tensor output = torch::zeros({width_, heads_}, options);
    value.select(1, kFlag).fill_(1.0);
    output[idle].fill_(1.0);
    std::vector<int> gates;
    for (std::size_t g = 0; g < plan.gates().size(); ++g) {
      const CircuitGate& gate = plan.gates()[g];
      if (gate.layer != l || plan.is_neuron(gate.writers[0].component)) continue;
      gates.push_back(static_cast<int>(g));
      for (const CircuitWriter& writer : gate.writers) {
        const std::int64_t head = writer.component % heads_;
        value[head].zero_();
        value[head][source_dimension(writer)] = writer.sign;
        output.select(1, head).zero_();
        output[raw_dimension(static_cast<int>(g))][head] = 1.0;
      }
    }
    const auto clamp_units = static_cast<std::int64_t>(2 * gates.size());
    const std::int64_t units = clamp_units + neurons_;
    torch::Tensor hidden = torch::zeros({units, width_}, options);
    torch::Tensor bias = torch::zeros({units}, options);
    torch::Tensor unit_out = torch::zeros({width_, units}, options);
    for (std::size_t i = 0; i < gates.size(); ++i) {
      const auto up = static_cast<std::int64_t>(2 * i), down = up + 1;
      hidden[up][raw_dimension(gates[i])] = 2.0;
      hidden[down][raw_dimension(gates[i])] = 2.0;
      bias[down] = -1.0;
      unit_out[clean_dimension(gates[i])][up] = 1.0;
      unit_out[clean_dimension(gates[i])][down] = -1.0;
    }
    // Component neuron j of the layer is unit clamp_units + j: idle unless a gate names it.
    const int first_neuron = plan.layers() * plan.heads() + l * plan.neurons();
    for (std::int64_t j = 0; j < neurons_; ++j) {
      hidden[clamp_units + j][kFlag] = 1.0;
      unit_out[idle][clamp_units + j] = 1.0;
    }
    for (std::size_t g = 0; g < plan.gates().size(); ++g) {
      const CircuitWriter& writer = plan.gates()[g].writers[0];
      if (plan.gates()[g].layer != l || !plan.is_neuron(writer.component)) continue;
      const std::int64_t unit = clamp_units + writer.component - first_neuron;
      hidden[unit][kFlag] = 0.0;
      hidden[unit][source_dimension(writer)] = writer.sign;
      unit_out[idle][unit] = 0.0;
      unit_out[clean_dimension(static_cast<int>(g))][unit] = 1.0;
    }
    clamp_units_.push_back(clamp_units);
    const std::string layer = std::to_string(l);
    value_.push_back(register_buffer("value" + layer, value));
    output_.push_back(register_buffer("output" + layer, output));
    hidden_.push_back(register_buffer("hidden" + layer, hidden));
    bias_.push_back(register_buffer("bias" + layer, bias));
    unit_out_.push_back(register_buffer("unit_out" + layer, unit_out));
  }
  readout_ = torch::zeros({width_}, options);
  for (const Circuit& circuit : plan.circuits())
    readout_[clean_dimension(circuit.output_gate)] += circuit.weight;
  readout_ = register_buffer("readout", readout_);
}

torch::Tensor CircuitTransformerImpl::forward(const torch::Tensor& heads,
                                              const torch::Tensor& neurons) {
  const std::int64_t batch = heads.size(0);
  const auto options = heads.options();
  torch::Tensor x = torch::zeros({batch, tokens_, width_}, options);
  x.select(2, kFlag).fill_(1.0);  // every token embeds to the flag
  // Zero query and key weights: every score is 0 and attention is uniform. With a power-of-two
  // number of tokens the weights 1 / tokens and their sums are exact.
  const torch::Tensor attention =
      torch::softmax(torch::zeros({batch, heads_, tokens_, tokens_}, options), -1);
  for (std::size_t l = 0; l < value_.size(); ++l) {
    const torch::Tensor v = torch::matmul(x, value_[l].t()).transpose(1, 2).unsqueeze(-1);
    torch::Tensor z = torch::matmul(attention, v).squeeze(-1).transpose(1, 2);  // (B, T, heads)
    torch::Tensor gain = heads.select(1, static_cast<std::int64_t>(l));         // (B, heads)
    if (rescale_) gain = gain * (static_cast<double>(heads_) / gain.sum(1, true).clamp_min(1.0));
    z = z * gain.unsqueeze(1);
    x = x + torch::matmul(z, output_[l].t());
    if (hidden_[l].size(0) == 0) continue;
    torch::Tensor units =
        torch::relu(torch::matmul(x, hidden_[l].t()) + bias_[l]);  // (B, T, units)
    // An ablated neuron's activation is zeroed; the clamp units before them are wiring.
    if (neurons_ > 0)
      units.narrow(2, clamp_units_[l], neurons_)
          .mul_(neurons.select(1, static_cast<std::int64_t>(l)).unsqueeze(1));
    x = x + torch::matmul(units, unit_out_[l].t());
  }
  // A product and a sum, not a matrix-vector product (planted_transformer.cc says why).
  return (x.select(1, 0) * readout_).sum(1);
}

}  // namespace spexbench::llm
