// llm.sentiment: feature attribution over the words of a review, read by a transformer classifier
// the suite trains itself (review_classifier.h) on a grammar with real interactions
// (review_grammar.h): negation flips the next sentiment word, intensifiers double it, "but" makes
// the rest of its sentence count three times. Value: the classifier's positive-class logit. An
// ablated word is replaced by [MASK].
//
// Ground truth (`ground_truth=auto`): for n <= 16 the exact spectrum of the trained model (all 2^n
// masks); above, the grammar's intended interactions (review_grammar.h), labelled `intended`:
// ranking metrics apply to them, coefficient metrics do not (the logit is the grammar's score
// learned up to scale and saturation).
#include <torch/torch.h>

#include <array>
#include <optional>

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

constexpr const char* kName = "llm.sentiment";

enum class SentimentTruth { kAuto, kExact, kIntended, kNone };
constexpr auto enum_names(SentimentTruth) {
  using enum SentimentTruth;
  return std::array{EnumName{kAuto, "auto"}, EnumName{kExact, "exact"},
                    EnumName{kIntended, "intended"}, EnumName{kNone, "none"}};
}

struct SentimentConfig {
  int n = 0;
  SentimentTruth ground_truth = SentimentTruth::kAuto;
  int model_seed = 0;
  TorchRuntime runtime;

  template <class V>
  void visit(V& v) {
    v("n", n, {.doc = "words in the review", .required = true, .min = 8, .max = 512});
    v("ground_truth", ground_truth,
      {.doc = "auto: exact for n <= 16, the grammar's intended interactions above"});
    v("model_seed", model_seed, {.doc = "seed of the classifier's training", .min = 0});
    runtime.visit(v);
  }
};

class LlmSentiment final : public ConfiguredPlugin<Task, SentimentConfig> {
 public:
  LlmSentiment(const SentimentConfig& config, const Task::CreateContext& context)
      : ConfiguredPlugin(std::move(config)), device_(config.runtime.start(kName)) {
    SPEXBENCH_CHECK(
        config.ground_truth != SentimentTruth::kExact || config.n <= kExactTruthMaxFeatures, kName,
        ": ground_truth=exact needs n <= ", kExactTruthMaxFeatures,
        " (2^n forward passes), got n=", config.n);
    Rng rng(derive_seed(context.seed, "review"));
    review_ = generate_review(config.n, rng);
    template_ = review_.tokens();
    positions_ = review_.word_positions();
    ReviewClassifierRecipe recipe;
    recipe.seed = static_cast<std::uint64_t>(config.model_seed);
    model_ = review_classifier(recipe);
    model_->to(device_);
    const bool exact =
        config.ground_truth == SentimentTruth::kExact ||
        (config.ground_truth == SentimentTruth::kAuto && config.n <= kExactTruthMaxFeatures);
    if (exact) {
      truth_ = exact_fourier_truth(*this, context.seed);
    } else if (config.ground_truth != SentimentTruth::kNone) {
      truth_ = intended_interactions(review_);
      truth_kind_ = TruthKind::kIntended;
    }
  }

  int num_features() const override { return config_.n; }
  std::vector<std::string> component_names() const override {
    std::vector<std::string> words;
    for (const std::int64_t token : review_.words) words.emplace_back(token_text(token));
    return distinct_component_names(std::move(words));
  }

  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    const auto length = static_cast<std::int64_t>(template_.size());
    evaluate_masks(masks.rows(), config_.runtime.schedule(device_), out,
                   [&](std::size_t first, std::size_t count) {
                     torch::Tensor tokens =
                         torch::empty({static_cast<std::int64_t>(count), length}, torch::kInt64);
                     std::int64_t* data = tokens.data_ptr<std::int64_t>();
                     for (std::size_t r = 0; r < count; ++r) {
                       std::int64_t* row = data + static_cast<std::int64_t>(r) * length;
                       std::copy(template_.begin(), template_.end(), row);
                       for (int i = 0; i < config_.n; ++i)
                         if (!masks.get(first + r, i))
                           row[positions_[static_cast<std::size_t>(i)]] = kReviewMaskToken;
                     }
                     const torch::Tensor logits =
                         model_->forward(tokens.to(device_)).to(torch::kCPU, torch::kFloat64);
                     return std::vector<double>(logits.data_ptr<double>(),
                                                logits.data_ptr<double>() + count);
                   });
  }

  const SparsePolynomial* ground_truth() const override { return truth_ ? &*truth_ : nullptr; }
  TruthKind ground_truth_kind() const override { return truth_kind_; }

  std::vector<std::pair<std::string, std::string>> info() const override {
    return {TorchRuntime::record(device_)};
  }

 private:
  torch::Device device_;
  Review review_;
  std::vector<std::int64_t> template_;
  std::vector<int> positions_;
  ReviewTransformer model_{nullptr};
  std::optional<SparsePolynomial> truth_;
  TruthKind truth_kind_ = TruthKind::kExact;
};

}  // namespace

SPEXBENCH_REGISTER(
    Task, LlmSentiment, SentimentConfig, kName,
    "positive logit of a transformer the suite trains on a sentiment grammar, over words");

}  // namespace spexbench::llm
