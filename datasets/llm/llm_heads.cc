// llm.heads: model-component attribution over attention heads, the third lens of the seed papers.
// Component i is head i % heads of layer i / heads. A mask keeps heads; ablated heads' outputs are
// zeroed and each layer's concatenated head output is rescaled by heads / kept heads. The value
// is the mean log-probability of the correct label over a fixed evaluation set.
//
// Two models:
//   * the suite's own (default): a review classifier trained on the review grammar
//     (review_classifier.h; 3 layers x 32 heads = 96 heads by default, as in ProxySPEX's Llama
//     study), evaluated on `reviews` generated reviews of `words` words drawn from the instance
//     seed; the label's log-probability is log sigmoid(+-logit);
//   * a user's TorchScript model (`torchscript=FILE`, `examples=FILE`): forward(input_ids,
//     attention_mask, head_mask) with a float (batch, layers, heads) head mask whose entries are
//     already 0 for ablated heads and heads / kept heads for kept ones, so multiplying each head's
//     output by its entry is the whole lens (script_model.h). Every example of the file is in the
//     evaluation set, unablated: a classifier's value is log softmax at the target class, a
//     causal LM's the answer's summed log-probability.
//
// Ground truth: the exact spectrum (2^n forward passes over the evaluation set) when
// n = layers x heads <= 16; none above.
#include <torch/torch.h>

#include <memory>
#include <optional>

#include "core/error.h"
#include "core/exact_truth.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "core/truth_kind.h"
#include "datasets/llm/batch_invariance.h"
#include "datasets/llm/review_classifier.h"
#include "datasets/llm/review_grammar.h"
#include "datasets/llm/script_model.h"
#include "datasets/llm/torch_device.h"

namespace spexbench::llm {
namespace {

constexpr const char* kName = "llm.heads";

struct HeadsConfig {
  int layers = 3;
  int heads = 32;
  int width = 64;
  int train_steps = 1500;
  int model_seed = 0;
  int reviews = 32;
  int words = 24;
  std::string torchscript;
  std::string examples;
  TruthOption ground_truth = TruthOption::kAuto;
  TorchRuntime runtime{.batch = 16};

  template <class V>
  void visit(V& v) {
    v("layers", layers, {.doc = "transformer layers", .min = 1, .max = 256});
    v("heads", heads, {.doc = "attention heads per layer", .min = 1, .max = 256});
    v("width", width, {.doc = "suite's model: width (a multiple of heads)", .min = 1, .max = 512});
    v("train_steps", train_steps,
      {.doc = "suite's model: training steps", .min = 1, .max = 100000});
    v("model_seed", model_seed, {.doc = "suite's model: seed of its training", .min = 0});
    v("reviews", reviews,
      {.doc = "suite's model: reviews in the evaluation set", .min = 1, .max = 4096});
    v("words", words, {.doc = "suite's model: words per evaluation review", .min = 1, .max = 512});
    v("torchscript", torchscript,
      {.doc = "a user's TorchScript model taking a head mask (empty: the suite's)",
       .input_file = true});
    v("examples", examples,
      {.doc = "with torchscript: the JSON-lines evaluation set", .input_file = true});
    v("ground_truth", ground_truth, {.doc = "auto: exact when layers x heads <= 16; none"});
    runtime.visit(v);
  }
};

/// A model under the head lens and its evaluation set.
class HeadLens {
 public:
  virtual ~HeadLens() = default;
  /// keep: (items, layers, heads) 0/1 on the CPU -> mean log-probability of the correct label
  /// for the first `count` items.
  virtual std::vector<double> values(const torch::Tensor& keep, std::size_t count) = 0;
};

class SuiteModelLens final : public HeadLens {
 public:
  SuiteModelLens(const HeadsConfig& config, torch::Device device, std::uint64_t seed)
      : device_(device) {
    ReviewClassifierRecipe recipe;
    recipe.shape = {.layers = config.layers, .heads = config.heads, .width = config.width};
    recipe.seed = static_cast<std::uint64_t>(config.model_seed);
    recipe.steps = config.train_steps;
    recipe.longest_review = 32;
    model_ = review_classifier(recipe);
    model_->to(device);
    Rng rng(derive_seed(seed, "evaluation set"));
    std::vector<std::vector<std::int64_t>> rows;
    std::vector<float> signs;
    const std::vector<std::uint8_t> all(static_cast<std::size_t>(config.words), 1);
    for (int r = 0; r < config.reviews; ++r) {
      const Review review = generate_review(config.words, rng);
      rows.push_back(review.tokens());
      signs.push_back(review_score(review, all) > 0 ? 1.0F : -1.0F);
    }
    std::size_t length = 0;
    for (const auto& row : rows) length = std::max(length, row.size());
    tokens_ =
        torch::full({config.reviews, static_cast<std::int64_t>(length)}, kPadToken, torch::kInt64);
    for (std::size_t r = 0; r < rows.size(); ++r)
      tokens_[static_cast<std::int64_t>(r)]
          .narrow(0, 0, static_cast<std::int64_t>(rows[r].size()))
          .copy_(torch::tensor(rows[r]));
    tokens_ = tokens_.to(device);
    signs_ = torch::tensor(signs).to(device);
  }

  std::vector<double> values(const torch::Tensor& keep, std::size_t count) override {
    const std::int64_t items = keep.size(0), reviews = tokens_.size(0);
    // Item-major rows: every head mask runs over the whole evaluation set.
    const torch::Tensor logits =
        model_->forward(tokens_.repeat({items, 1}), keep.to(device_).repeat_interleave(reviews, 0));
    const torch::Tensor mean = torch::log_sigmoid(logits * signs_.repeat({items}))
                                   .view({items, reviews})
                                   .mean(1)
                                   .to(torch::kCPU, torch::kFloat64);
    return {mean.data_ptr<double>(), mean.data_ptr<double>() + count};
  }

 private:
  torch::Device device_;
  ReviewTransformer model_{nullptr};
  torch::Tensor tokens_;  ///< (reviews, length), right-padded
  torch::Tensor signs_;   ///< (reviews): +1 positive label, -1 negative
};

class ScriptModelLens final : public HeadLens {
 public:
  ScriptModelLens(const HeadsConfig& config, torch::Device device)
      : device_(device), heads_(config.heads), model_(config.torchscript, device, kName) {
    SPEXBENCH_CHECK(!config.examples.empty(), kName, ": torchscript=", config.torchscript,
                    " needs examples=FILE, the evaluation set");
    examples_ = read_script_examples(config.examples);
    for (const ScriptExample& example : examples_) check_vocabulary(model_, example, device);
    for (const ScriptExample& example : examples_)
      length_ = std::max(
          length_, static_cast<std::int64_t>(example.input_ids.size() + example.answer_ids.size()));
  }

  std::vector<double> values(const torch::Tensor& keep, std::size_t count) override {
    const std::int64_t items = keep.size(0);
    const auto size = static_cast<std::int64_t>(examples_.size());
    // Every example unablated, `items` times, padded to one length; rows item-major.
    std::vector<ScriptBatch> inputs;
    std::vector<torch::Tensor> ids, attention;
    for (const ScriptExample& example : examples_) {
      MaskBatch everything(static_cast<std::size_t>(items), static_cast<int>(example.spans.size()));
      for (std::int64_t r = 0; r < items; ++r)
        for (std::size_t s = 0; s < example.spans.size(); ++s)
          everything.set(static_cast<std::size_t>(r), static_cast<int>(s), true);
      inputs.push_back(script_batch(example, Ablation::kMask, everything, 0,
                                    static_cast<std::size_t>(items),
                                    static_cast<std::size_t>(items), length_));
      ids.push_back(inputs.back().input_ids);
      attention.push_back(inputs.back().attention_mask);
    }
    const torch::Tensor all_ids = torch::stack(ids, 1).view({items * size, length_});
    const torch::Tensor all_attention = torch::stack(attention, 1).view({items * size, length_});
    // The lens in the mask itself: 0 for ablated heads, heads / kept heads for kept ones.
    const torch::Tensor kept = keep.sum(2, true).clamp_min(1.0);
    const torch::Tensor head_mask =
        (keep * (static_cast<double>(heads_) / kept)).repeat_interleave(size, 0);
    const torch::Tensor logits =
        model_.forward(all_ids.to(device_), all_attention.to(device_), head_mask.to(device_));
    SPEXBENCH_CHECK(logits.dim() >= 2 && logits.size(0) == items * size, kName, ": the model '",
                    model_.file().string(), "' returned logits of shape ", logits.sizes(), " for ",
                    items * size, " rows");
    std::vector<std::int64_t> shape{items, size};  // (items, examples, ...the model's dimensions)
    for (std::int64_t d = 1; d < logits.dim(); ++d) shape.push_back(logits.size(d));
    const torch::Tensor per_item = logits.reshape(shape);
    std::vector<double> mean(count, 0.0);
    for (std::int64_t e = 0; e < size; ++e) {
      const std::vector<double> values = target_values(
          per_item.select(1, e), examples_[static_cast<std::size_t>(e)],
          inputs[static_cast<std::size_t>(e)], count, ClassScore::kLogProbability, model_);
      for (std::size_t r = 0; r < count; ++r) mean[r] += values[r] / static_cast<double>(size);
    }
    return mean;
  }

 private:
  torch::Device device_;
  int heads_;
  ScriptModel model_;
  std::vector<ScriptExample> examples_;
  std::int64_t length_ = 0;
};

class LlmHeads final : public ConfiguredPlugin<Task, HeadsConfig> {
 public:
  LlmHeads(const HeadsConfig& config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)), device_(config.runtime.start(kName)) {
    if (config.torchscript.empty()) {
      SPEXBENCH_CHECK(config.width % config.heads == 0, kName, ": width=", config.width,
                      " is not a multiple of heads=", config.heads);
      lens_ = std::make_unique<SuiteModelLens>(config, device_, context.seed);
    } else {
      lens_ = std::make_unique<ScriptModelLens>(config, device_);
      check_unablated(*this);
    }
    if (config.ground_truth == TruthOption::kAuto && num_features() <= kExactTruthMaxFeatures) {
      truth_ = exact_fourier_truth(*this, context.seed);
    }
  }

  int num_features() const override { return config_.layers * config_.heads; }
  std::vector<std::string> component_names() const override {
    std::vector<std::string> names;
    for (int l = 0; l < config_.layers; ++l)
      for (int h = 0; h < config_.heads; ++h) names.push_back(str_cat("L", l, ".H", h));
    return names;
  }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    evaluate_masks(
        masks.rows(), config_.runtime.schedule(device_), out,
        [&](std::size_t first, std::size_t count) {
          torch::Tensor keep =
              torch::empty({static_cast<std::int64_t>(count), config_.layers, config_.heads});
          auto access = keep.accessor<float, 3>();
          for (std::size_t r = 0; r < count; ++r)
            for (int i = 0; i < num_features(); ++i)
              access[static_cast<std::int64_t>(r)][i / config_.heads][i % config_.heads] =
                  masks.get(first + r, i) ? 1.0F : 0.0F;
          return lens_->values(keep, count);
        });
  }

  const SparsePolynomial* ground_truth() const override { return truth_ ? &*truth_ : nullptr; }

  std::vector<std::pair<std::string, std::string>> info() const override {
    return {TorchRuntime::record(device_)};
  }

 private:
  torch::Device device_;
  std::unique_ptr<HeadLens> lens_;
  std::optional<SparsePolynomial> truth_;
};

}  // namespace

SPEXBENCH_REGISTER(Task, LlmHeads, HeadsConfig, kName,
                   "mean log-probability of the correct label with attention heads ablated");

}  // namespace spexbench::llm
