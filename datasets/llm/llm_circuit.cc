// llm.circuit: the component lens with certified truth. A transformer whose weights are set from
// circuits planted among its attention heads (planted_circuit.h, circuit_transformer.h): and-chains
// of heads reading what earlier heads wrote, redundant backup heads, inhibited chains, heads with
// small direct effects and idle heads. Under llm.heads' ablation (a head's output zeroed, its
// layer's kept outputs rescaled by heads / kept heads; rescale=false leaves them as they are) the
// output is exactly the circuits' polynomial in the heads' keep bits, at any size: the truth is
// certified, not estimated. Component i is head i % heads of layer i / heads.
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
  int layers = 12;
  int heads = 16;
  int tokens = 8;
  bool rescale = true;
  CircuitCounts counts;
  synthetic::CoefficientLaw weights;
  Precision dtype = Precision::kFloat64;
  TorchRuntime runtime;

  template <class V>
  void visit(V& v) {
    v("layers", layers, {.doc = "transformer layers", .min = 1, .max = 256});
    v("heads", heads, {.doc = "attention heads per layer", .min = 1, .max = 256});
    v("tokens", tokens, {.doc = "input tokens (a power of two)", .min = 1, .max = 64});
    v("rescale", rescale,
      {.doc = "rescale a layer's kept head outputs by heads / kept heads (llm.heads' lens)"});
    v("and", counts.and_circuits,
      {.doc = "and circuits: chains of heads in successive layers", .min = 0, .max = 4096});
    v("or", counts.or_circuits,
      {.doc = "or circuits: backup heads of one layer writing one signal", .min = 0, .max = 4096});
    v("inhibit", counts.inhibit_circuits,
      {.doc = "inhibit circuits: a chain cancelled by a head of its last layer",
       .min = 0,
       .max = 4096});
    v("noise", counts.noise_heads,
      {.doc = "noise heads: single heads with a small direct effect", .min = 0, .max = 65536});
    v("order_min", counts.order_min, {.doc = "fewest heads in a circuit", .min = 2, .max = 8});
    v("order_max", counts.order_max, {.doc = "most heads in a circuit", .min = 2, .max = 8});
    v("noise_weight", counts.noise_weight,
      {.doc = "noise heads' weights: magnitude uniform in [w/2, w]", .min = 0.0});
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
    SPEXBENCH_CHECK(config.layers * config.heads <= 65536, kName, ": layers=", config.layers,
                    " x heads=", config.heads, " is above 65,536 components");
    config_.weights.validate(kName);
    Rng rng(derive_seed(context.seed, "circuits"));
    const CircuitPlan plan(config.layers, config.heads, config.counts, config.weights, rng, kName);
    truth_ = plan.truth();
    circuits_ = plan.describe();
    dtype_ = torch_dtype(config.dtype);
    model_ = CircuitTransformer(plan, config.tokens, config.rescale, dtype_);
    model_->to(device_);
  }

  int num_features() const override { return config_.layers * config_.heads; }
  std::vector<std::string> component_names() const override {
    std::vector<std::string> names;
    for (int i = 0; i < num_features(); ++i) names.push_back(head_name(i, config_.heads));
    return names;
  }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    evaluate_masks(
        masks.rows(), config_.runtime.schedule(device_), out,
        [&](std::size_t first, std::size_t count) {
          torch::Tensor keep = torch::empty(
              {static_cast<std::int64_t>(count), config_.layers, config_.heads}, torch::kFloat64);
          auto access = keep.accessor<double, 3>();
          for (std::size_t r = 0; r < count; ++r)
            for (int i = 0; i < num_features(); ++i)
              access[static_cast<std::int64_t>(r)][i / config_.heads][i % config_.heads] =
                  masks.get(first + r, i) ? 1.0 : 0.0;
          const torch::Tensor values =
              model_->forward(keep.to(device_, dtype_)).to(torch::kCPU, torch::kFloat64);
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
  CircuitTransformer model_{nullptr};
};

}  // namespace

SPEXBENCH_REGISTER(
    Task, LlmCircuit, CircuitConfig, kName,
    "transformer with circuits planted among its heads: certified head interactions");

}  // namespace spexbench::llm
