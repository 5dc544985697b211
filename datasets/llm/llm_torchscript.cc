// llm.torchscript: feature attribution over a user's own model. A TorchScript model
// (script_model.h: forward(input_ids, attention_mask) -> logits) and a JSON-lines examples file
// (script_examples.h); the task explains one example (`example`, a 0-based line among the
// examples). Its features are the example's spans (words, sentences, ...); an ablated feature's
// tokens are replaced by the mask token (`ablation=mask`) or removed (`ablation=delete`). Value:
// the target class's logit for a classifier, or the summed log-probability of the answer tokens,
// teacher-forced, for a causal LM.
//
// Ground truth (`ground_truth=auto`): the exact spectrum by 2^n forward passes when n <= 16;
// none above. scripts/export_hf_torchscript.py writes a Hugging Face model and its examples in
// this format.
#include <torch/torch.h>

#include <array>
#include <optional>

#include "core/error.h"
#include "core/exact_truth.h"
#include "core/params.h"
#include "core/task.h"
#include "core/truth_kind.h"
#include "datasets/llm/batch_invariance.h"
#include "datasets/llm/script_model.h"
#include "datasets/llm/torch_device.h"

namespace spexbench::llm {
namespace {

constexpr const char* kName = "llm.torchscript";

struct TorchScriptConfig {
  std::string model;
  std::string examples;
  int example = 0;
  Ablation ablation = Ablation::kMask;
  TruthOption ground_truth = TruthOption::kAuto;
  TorchRuntime runtime{.batch = 32};

  template <class V>
  void visit(V& v) {
    v("model", model,
      {.doc = "TorchScript file: forward(input_ids, attention_mask) -> logits",
       .required = true,
       .input_file = true});
    v("examples", examples,
      {.doc = "JSON-lines examples file (datasets/llm/README.md)",
       .required = true,
       .input_file = true});
    v("example", example, {.doc = "which example (0-based, blank lines skipped)", .min = 0});
    v("ablation", ablation,
      {.doc = "mask: replace a feature's tokens by the mask token; delete: remove them"});
    v("ground_truth", ground_truth, {.doc = "auto: exact when n <= 16; none"});
    runtime.visit(v);
  }
};

class LlmTorchScript final : public ConfiguredPlugin<Task, TorchScriptConfig> {
 public:
  LlmTorchScript(const TorchScriptConfig& config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)),
        device_(config.runtime.start(kName)),
        ablation_(config.ablation),
        model_(config.model, device_, kName) {
    const std::vector<ScriptExample> examples = read_script_examples(config.examples);
    SPEXBENCH_CHECK(static_cast<std::size_t>(config.example) < examples.size(), kName,
                    ": example=", config.example, " but '", config.examples, "' has ",
                    examples.size(), " examples");
    example_ = examples[static_cast<std::size_t>(config.example)];
    SPEXBENCH_CHECK(ablation_ == Ablation::kDelete || example_.mask_token_id, example_.where,
                    ": ablation=mask needs 'mask_token_id'");
    check_vocabulary(model_, example_, device_);
    check_unablated(*this);
    if (config.ground_truth == TruthOption::kAuto && num_features() <= kExactTruthMaxFeatures) {
      truth_ = exact_fourier_truth(*this, context.seed);
    }
  }

  int num_features() const override { return static_cast<int>(example_.spans.size()); }
  std::vector<std::string> component_names() const override {
    // The example's `features` when it names its spans; without a tokenizer, x<i> otherwise.
    if (example_.features.size() != example_.spans.size()) return Task::component_names();
    return distinct_component_names(example_.features);
  }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    evaluate_masks(
        masks.rows(), config_.runtime.schedule(device_), out,
        [&](std::size_t first, std::size_t count) {
          const ScriptBatch inputs = script_batch(example_, ablation_, masks, first, count, count);
          const torch::Tensor logits =
              model_.forward(inputs.input_ids.to(device_), inputs.attention_mask.to(device_));
          return target_values(logits, example_, inputs, count, ClassScore::kLogit, model_);
        });
  }

  const SparsePolynomial* ground_truth() const override { return truth_ ? &*truth_ : nullptr; }

  std::vector<std::pair<std::string, std::string>> info() const override {
    return {TorchRuntime::record(device_)};
  }

 private:
  torch::Device device_;
  Ablation ablation_;
  ScriptModel model_;
  ScriptExample example_;
  std::optional<SparsePolynomial> truth_;
};

}  // namespace

SPEXBENCH_REGISTER(Task, LlmTorchScript, TorchScriptConfig, kName,
                   "a user's TorchScript classifier or causal LM over the spans of an example");

}  // namespace spexbench::llm
