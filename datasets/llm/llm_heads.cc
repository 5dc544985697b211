// llm.heads: model-component attribution over attention heads, the third lens of the seed papers.
// Component i is head i % heads of layer i / heads of the suite's review classifier (a
// ReviewTransformer trained on the review grammar; default 3 layers x 32 heads = 96 heads, as in
// ProxySPEX's Llama study). A mask keeps heads; ablated heads' outputs are zeroed and each layer's
// concatenated head output is rescaled by heads / kept heads (review_transformer.h). The value is
// the mean log-probability of the correct label, log sigmoid(+-logit), over a fixed evaluation
// set of `reviews` generated reviews of `words` words, drawn from the instance seed.
//
// Ground truth: the exact spectrum (2^n forward passes over the evaluation set) when
// n = layers x heads <= 16; none above.
#include <torch/torch.h>

#include "core/error.h"
#include "core/exact_truth.h"
#include "core/params.h"
#include "core/rng.h"
#include "core/task.h"
#include "datasets/llm/batch_invariance.h"
#include "datasets/llm/review_classifier.h"
#include "datasets/llm/review_grammar.h"
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
  std::string ground_truth = "auto";
  std::string device = "cpu";
  int batch = 16;
  int threads = 1;

  template <class V>
  void visit(V& v) {
    v("layers", layers, {.doc = "transformer layers", .min = 1, .max = 12});
    v("heads", heads, {.doc = "attention heads per layer", .min = 1, .max = 64});
    v("width", width, {.doc = "model width (a multiple of heads)", .min = 1, .max = 512});
    v("train_steps", train_steps, {.doc = "training steps of the classifier", .min = 1, .max = 100000});
    v("model_seed", model_seed, {.doc = "seed of the classifier's training", .min = 0});
    v("reviews", reviews, {.doc = "reviews in the evaluation set", .min = 1, .max = 4096});
    v("words", words, {.doc = "words per evaluation review", .min = 1, .max = 512});
    v("ground_truth", ground_truth,
      {.doc = "auto: exact when layers x heads <= 16; none", .choices = {"auto", "none"}});
    v("device", device, {.doc = "cpu, cuda or cuda:K"});
    v("batch", batch, {.doc = "head masks per forward pass (each runs the whole evaluation set)", .min = 1});
    v("threads", threads, {.doc = "torch intra-op threads", .min = 1, .max = 256});
  }
};

class LlmHeads final : public Task {
 public:
  LlmHeads(const HeadsConfig& config, const Task::CreateContext& context)
      : config_(config), device_(torch_device(config.device, kName)) {
    SPEXBENCH_CHECK(config.width % config.heads == 0, kName, ": width=", config.width,
                    " is not a multiple of heads=", config.heads);
    ReviewClassifierRecipe recipe;
    recipe.shape = {.layers = config.layers, .heads = config.heads, .width = config.width};
    recipe.seed = static_cast<std::uint64_t>(config.model_seed);
    recipe.steps = config.train_steps;
    recipe.longest_review = 32;
    model_ = review_classifier(recipe);
    model_->to(device_);
    at::set_num_threads(config.threads);

    Rng rng(derive_seed(context.seed, "evaluation set"));
    std::vector<std::vector<std::int64_t>> rows;
    std::vector<double> signs;
    const std::vector<std::uint8_t> all(static_cast<std::size_t>(config.words), 1);
    for (int r = 0; r < config.reviews; ++r) {
      const Review review = generate_review(config.words, rng);
      rows.push_back(review.tokens());
      signs.push_back(review_score(review, all) > 0 ? 1.0 : -1.0);
    }
    std::size_t length = 0;
    for (const auto& row : rows) length = std::max(length, row.size());
    tokens_ = torch::full({config.reviews, static_cast<std::int64_t>(length)}, kPadToken, torch::kInt64);
    for (std::size_t r = 0; r < rows.size(); ++r)
      tokens_[static_cast<std::int64_t>(r)].narrow(0, 0, static_cast<std::int64_t>(rows[r].size()))
          .copy_(torch::tensor(rows[r]));
    tokens_ = tokens_.to(device_);
    signs_ = torch::tensor(signs, torch::kFloat32).to(device_);
    if (config.ground_truth == "auto" && num_features() <= kExactTruthMaxFeatures) {
      truth_ = exact_fourier_truth(*this, context.seed);
      has_truth_ = true;
    }
  }

  int num_features() const override { return config_.layers * config_.heads; }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    const torch::InferenceMode inference;
    const std::int64_t reviews = tokens_.size(0), length = tokens_.size(1);
    const auto batch = static_cast<std::size_t>(config_.batch);
    const auto min_items = static_cast<std::size_t>(
        min_items_per_forward(reviews * length, config_.width));  // batch_invariance.h
    for (std::size_t start = 0; start < masks.rows(); start += batch) {
      const std::size_t count = std::min(batch, masks.rows() - start);
      const std::size_t items = std::max(count, min_items);
      torch::Tensor head_mask = torch::ones({static_cast<std::int64_t>(items), config_.layers, config_.heads});
      auto access = head_mask.accessor<float, 3>();
      for (std::size_t r = 0; r < count; ++r)  // padding items keep every head
        for (int i = 0; i < num_features(); ++i)
          access[static_cast<std::int64_t>(r)][i / config_.heads][i % config_.heads] =
              masks.get(start + r, i) ? 1.0F : 0.0F;
      // Every head mask runs over the whole evaluation set: item-major rows.
      const torch::Tensor logits = model_->forward(
          tokens_.repeat({static_cast<std::int64_t>(items), 1}),
          head_mask.to(device_).repeat_interleave(reviews, 0));
      const torch::Tensor log_probability =
          torch::log_sigmoid(logits * signs_.repeat({static_cast<std::int64_t>(items)}));
      const torch::Tensor values =
          log_probability.view({static_cast<std::int64_t>(items), reviews}).mean(1).to(torch::kCPU, torch::kFloat64);
      const double* read = values.data_ptr<double>();
      std::copy(read, read + count, out.begin() + static_cast<std::ptrdiff_t>(start));
    }
  }

  const SparsePolynomial* ground_truth() const override { return has_truth_ ? &truth_ : nullptr; }
  std::string spec() const override { return canonical_spec(kName, config_); }

 private:
  HeadsConfig config_;
  torch::Device device_;
  ReviewTransformer model_{nullptr};
  torch::Tensor tokens_;  ///< (reviews, length) evaluation set, right-padded
  torch::Tensor signs_;   ///< (reviews) +1 for positive labels, -1 for negative
  SparsePolynomial truth_;
  bool has_truth_ = false;
};

}  // namespace

SPEXBENCH_REGISTER(Task, LlmHeads, HeadsConfig, kName,
                   "mean log-probability of the correct label with attention heads ablated");

}  // namespace spexbench::llm
