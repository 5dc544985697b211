// llm.planted: a transformer (embedding, attention, MLP, readout; planted_transformer.h) whose
// output is exactly a planted sparse polynomial of which words are present, so its interactions
// are certified at any n. Words are ablated by replacing them with the [MASK] token, as the
// language-model tasks do. The planted polynomial: s unanimity terms of 1..d words (Möbius basis),
// coefficients from the synthetic tasks' laws.
#include <torch/torch.h>

#include "core/error.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/llm/batch_invariance.h"
#include "datasets/llm/planted_transformer.h"
#include "datasets/llm/torch_device.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::llm {
namespace {

struct PlantedConfig {
  int n = 0;
  int s = 20;
  int d = 3;
  synthetic::CoefficientLaw coefficients;
  Precision dtype = Precision::kFloat32;
  TorchRuntime runtime;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "number of words (components)", .required = true, .min = 1, .max = 4096});
    v("s", s, {.doc = "planted interaction terms", .min = 1, .max = 100000});
    v("d", d, {.doc = "maximum words in a term", .min = 1, .max = 16});
    coefficients.visit(v);
    v("dtype", dtype, {.doc = "model precision"});
    runtime.visit(v);
  }
};

constexpr const char* kName = "llm.planted";

class LlmPlanted final : public ConfiguredPlugin<Task, PlantedConfig> {
 public:
  LlmPlanted(const PlantedConfig& config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)), device_(config.runtime.start(kName)) {
    config_.coefficients.validate(kName);
    Rng rng(derive_seed(context.seed, "terms"));
    SparsePolynomial truth(config.n, Basis::kMobius);
    for (const auto& set :
         synthetic::distinct_random_sets(config.n, config.s, config.d, rng, kName))
      truth.add_term(set, config.coefficients.draw(rng));
    truth.canonicalize();
    truth_ = std::move(truth);
    model_ = PlantedTransformer(truth_, torch_dtype(config.dtype));
    model_->to(device_);
    model_->eval();
  }

  int num_features() const override { return config_.n; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    const auto length = static_cast<std::int64_t>(config_.n) + 1;
    evaluate_masks(masks.rows(), config_.runtime.schedule(device_), out,
                   [&](std::size_t first, std::size_t count) {
                     torch::Tensor tokens =
                         torch::empty({static_cast<std::int64_t>(count), length}, torch::kInt64);
                     auto access = tokens.accessor<std::int64_t, 2>();
                     for (std::size_t r = 0; r < count; ++r) {
                       access[static_cast<std::int64_t>(r)][0] = kClsToken;
                       for (int i = 0; i < config_.n; ++i)
                         access[static_cast<std::int64_t>(r)][i + 1] =
                             masks.get(first + r, i) ? 2 + i : kMaskToken;
                     }
                     const torch::Tensor values =
                         model_->forward(tokens.to(device_)).to(torch::kCPU, torch::kFloat64);
                     return std::vector<double>(values.data_ptr<double>(),
                                                values.data_ptr<double>() + count);
                   });
  }

  const SparsePolynomial* ground_truth() const override { return &truth_; }

  std::vector<std::pair<std::string, std::string>> info() const override {
    return {TorchRuntime::record(device_)};
  }

 private:
  torch::Device device_;
  SparsePolynomial truth_;
  PlantedTransformer model_{nullptr};
};

}  // namespace

SPEXBENCH_REGISTER(
    Task, LlmPlanted, PlantedConfig, kName,
    "transformer with hand-set weights whose output is a planted polynomial of words");

}  // namespace spexbench::llm
