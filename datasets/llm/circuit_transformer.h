// The transformer of `llm.circuit`: weights set from a CircuitPlan (planted_circuit.h), so that its
// output under head and neuron ablation is exactly the plan's polynomial in the keep bits.
//
// Residual dimensions: the constant flag, then for every gate a raw and a clean dimension, then
// one that idle heads write and nothing reads. Every token embeds to the flag. Each layer:
//   attention  `heads` heads of dimension 1, zero query and key weights (uniform attention over
//              the tokens); head h's value reads its source dimension with its sign, its output
//              writes its gate's raw dimension (idle heads: the flag into the idle dimension);
//              the head lens of llm.heads: an ablated head's output is zeroed and, with
//              rescale, the layer's kept outputs are multiplied by heads / kept heads;
//   MLP        two ReLU units per head gate of the layer, ReLU(2 raw) - ReLU(2 raw - 1) added to
//              the gate's clean dimension: 1 when raw >= 1/2, 0 when raw <= 0, exactly in
//              floating point (raw is 0 or at least 1/2 by construction, whatever the rescaling);
//              then the layer's component neurons, each ReLU(its source) times its keep bit,
//              written to its gate's clean dimension (idle neurons: the flag into the idle one).
// The readout at the first token: sum over circuits of weight x the clean dimension of the
// circuit's last gate.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "datasets/llm/planted_circuit.h"

namespace spexbench::llm {

class CircuitTransformerImpl : public torch::nn::Module {
 public:
  CircuitTransformerImpl(const CircuitPlan& plan, int tokens, bool rescale, torch::Dtype dtype);
  /// heads: (batch, layers, heads) and neurons: (batch, layers, neurons) keep bits, 0/1 of the
  /// model's dtype -> (batch) values.
  torch::Tensor forward(const torch::Tensor& heads, const torch::Tensor& neurons);

 private:
  std::int64_t tokens_, heads_, neurons_, width_;
  bool rescale_;
  std::vector<torch::Tensor> value_, output_;  ///< per layer: (heads, width), (width, heads)
  std::vector<torch::Tensor> hidden_, bias_;   ///< per layer: (units, width), (units)
  std::vector<torch::Tensor> unit_out_;        ///< per layer: (width, units)
  std::vector<std::int64_t> clamp_units_;      ///< per layer: the units before its neurons
  torch::Tensor readout_;                      ///< (width)
};
TORCH_MODULE(CircuitTransformer);

}  // namespace spexbench::llm
