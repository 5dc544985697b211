// llm.circuit: the component lens with certified truth. A transformer whose weights are set from
// circuits planted among its attention heads and, with neurons > 0, MLP neurons (planted_circuit.h,
// circuit_transformer.h): and-chains of components reading what earlier ones wrote, redundant
// backup heads, inhibited chains, components with small direct effects and idle ones. Under
// llm.heads' ablation (a head's output zeroed, its layer's kept outputs rescaled by heads / kept
// heads; rescale=false leaves them as they are) and neuron ablation (its activation zeroed) the
// output is exactly the circuits' polynomial in the keep bits, at any size: the truth is
// certified, not estimated. Component i < layers x heads is head i % heads of layer i / heads;
// the neurons follow, layer by layer.
#include <torch/torch.h>

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/llm/batch_invariance.h"
#include "datasets/llm/circuit_transformer.h"
#include "datasets/llm/planted_circuit.h"
#include "datasets/llm/torch_device.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::llm {
namespace {

struct CircuitConfig {
  CircuitShape shape;
  int tokens = 8;
  bool rescale = true;
  CircuitCounts counts;
  synthetic::CoefficientLaw weights;
  Precision dtype = Precision::kFloat64;
  TorchRuntime runtime;

  template <class V>
  void visit(V& v) {
    v("layers", shape.layers, {.doc = "transformer layers", .min = 1, .max = 256});
    v("heads", shape.heads, {.doc = "attention heads per layer", .min = 1, .max = 256});
    v("neurons", shape.neurons,
      {.doc = "MLP neurons per layer that are components (after the heads)", .min = 0, .max = 256});
    v("tokens", tokens, {.doc = "input tokens (a power of two)", .min = 1, .max = 64});
    v("rescale", rescale,
      {.doc = "rescale a layer's kept head outputs by heads / kept heads (llm.heads' lens)"});
    v("and", counts.and_circuits,
      {.doc = "and circuits: chains of heads or neurons in rising layers", .min = 0, .max = 4096});
    v("or", counts.or_circuits,
      {.doc = "or circuits: backup heads of one layer writing one signal", .min = 0, .max = 4096});
    v("inhibit", counts.inhibit_circuits,
      {.doc = "inhibit circuits: a chain cancelled by a head of its last layer",
       .min = 0,
       .max = 4096});
    v("noise", counts.noise_heads,
      {.doc = "noise components: single heads or neurons with a small direct effect",
       .min = 0,
       .max = 65536});
    v("order_min", counts.order_min, {.doc = "fewest components in a circuit", .min = 2, .max = 8});
    v("order_max", counts.order_max, {.doc = "most components in a circuit", .min = 2, .max = 8});
    v("noise_weight", counts.noise_weight,
      {.doc = "noise components' weights: magnitude uniform in [w/2, w]", .min = 0.0});
    weights.visit(v);
    v("dtype", dtype, {.doc = "model precision"});
    runtime.visit(v);
  }
};

constexpr const char* kName = "llm.circuit";

class LlmCircuit final : public ConfiguredPlugin<Task, CircuitConfig> {
 public:
  LlmCircuit(const CircuitConfig& config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)), device_(config.runtime.start(kName)) {
    SPEXBENCH_CHECK((config.tokens & (config.tokens - 1)) == 0, kName, ": tokens=", config.tokens,
                    " is not a power of two (uniform attention is exact over 2^k tokens)");
    const CircuitShape& shape = config.shape;
    SPEXBENCH_CHECK(shape.layers * (shape.heads + shape.neurons) <= 65536, kName,
                    ": layers=", shape.layers, " x (heads=", shape.heads,
                    " + neurons=", shape.neurons, ") is above 65,536 components");
    config_.weights.validate(kName);
    Rng rng(derive_seed(context.seed, "circuits"));
    const CircuitPlan plan(shape, config.counts, config.weights, rng, kName);
    truth_ = plan.truth();
    circuits_ = plan.describe();
    for (int i = 0; i < plan.components(); ++i) names_.push_back(plan.component_name(i));
    dtype_ = torch_dtype(config.dtype);
    model_ = CircuitTransformer(plan, config.tokens, config.rescale, dtype_);
    model_->to(device_);
  }

  int num_features() const override { return static_cast<int>(names_.size()); }
  std::vector<std::string> component_names() const override { return names_; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    evaluate_masks(
        masks.rows(), config_.runtime.schedule(device_), out,
        [&](std::size_t first, std::size_t count) {
          const CircuitShape& shape = config_.shape;
          const auto items = static_cast<std::int64_t>(count);
          // Heads, then neurons: the mask's columns, split in two and shaped by layer.
          torch::Tensor keep = torch::empty({items, num_features()}, torch::kFloat64);
          auto access = keep.accessor<double, 2>();
          for (std::size_t r = 0; r < count; ++r)
            for (int i = 0; i < num_features(); ++i)
              access[static_cast<std::int64_t>(r)][i] = masks.get(first + r, i) ? 1.0 : 0.0;
          keep = keep.to(device_, dtype_);
          const std::int64_t head_count = shape.layers * shape.heads;
          const torch::Tensor values =
              model_
                  ->forward(
                      keep.narrow(1, 0, head_count).reshape({items, shape.layers, shape.heads}),
                      keep.narrow(1, head_count, num_features() - head_count)
                          .reshape({items, shape.layers, shape.neurons}))
                  .to(torch::kCPU, torch::kFloat64);
          return std::vector<double>(values.data_ptr<double>(), values.data_ptr<double>() + count);
        });
  }

  const SparsePolynomial* ground_truth() const override { return &truth_; }

  std::vector<std::pair<std::string, std::string>> info() const override {
    return {TorchRuntime::record(device_), {"circuits", circuits_}};
  }

 private:
  torch::Device device_;
  torch::Dtype dtype_ = torch::kFloat64;
  SparsePolynomial truth_;
  std::string circuits_;
  std::vector<std::string> names_;
  CircuitTransformer model_{nullptr};
};

}  // namespace

SPEXBENCH_REGISTER(
    Task, LlmCircuit, CircuitConfig, kName,
    "transformer with circuits planted among its heads: certified head interactions");

}  // namespace spexbench::llm
