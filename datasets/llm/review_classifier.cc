#include "datasets/llm/review_classifier.h"

#include <array>
#include <cmath>
#include <iostream>

#include "core/error.h"
#include "core/rng.h"
#include "core/stopwatch.h"
#include "datasets/llm/model_cache.h"
#include "datasets/llm/review_grammar.h"

namespace spexbench::llm {
namespace {

constexpr int kFormatVersion = 3;
constexpr int kBatch = 32;
constexpr int kShortestReview = 8;
constexpr int kWarmupSteps = 100;
constexpr double kLearningRate = 3e-3;
constexpr double kWeightDecay = 0.01;
constexpr int kTrainingThreads = 2;
constexpr int kHeldOutPerLength = 100;
constexpr std::array kHeldOutLengths = {8, 16, 32, 64, 128, 256, 512};

torch::Tensor uniform_tensor(at::IntArrayRef sizes, double bound, Rng& rng) {
  torch::Tensor t = torch::empty(sizes, torch::kFloat32);
  float* data = t.data_ptr<float>();
  for (std::int64_t i = 0; i < t.numel(); ++i)
    data[i] = static_cast<float>(rng.uniform(-bound, bound));
  return t;
}

/// The suite's own initialisation, independent of libtorch's global generator and version.
void initialize(ReviewTransformer& model, Rng& rng) {
  torch::NoGradGuard no_grad;
  for (const auto& module : model->modules(/*include_self=*/false)) {
    if (auto* linear = dynamic_cast<torch::nn::LinearImpl*>(module.get())) {
      const double bound = 1.0 / std::sqrt(static_cast<double>(linear->weight.size(1)));
      linear->weight.copy_(uniform_tensor(linear->weight.sizes(), bound, rng));
      linear->bias.copy_(uniform_tensor(linear->bias.sizes(), bound, rng));
    } else if (auto* embedding = dynamic_cast<torch::nn::EmbeddingImpl*>(module.get())) {
      torch::Tensor values = torch::empty(embedding->weight.sizes(), torch::kFloat32);
      float* data = values.data_ptr<float>();
      for (std::int64_t i = 0; i < values.numel(); ++i) data[i] = static_cast<float>(rng.normal());
      embedding->weight.copy_(values);
    } else if (auto* norm = dynamic_cast<torch::nn::LayerNormImpl*>(module.get())) {
      norm->weight.fill_(1.0);
      norm->bias.fill_(0.0);
    }
  }
  for (auto& item : model->named_parameters())
    if (item.key().find("distance_bias") != std::string::npos ||
        item.key().rfind("readout", 0) == 0)
      item.value().zero_();
}

struct Batch {
  torch::Tensor tokens;  // (B, L) int64, right-padded
  torch::Tensor labels;  // (B) float, 1 = positive
};

/// Right-pads token rows into one tensor.
torch::Tensor pad_rows(const std::vector<std::vector<std::int64_t>>& rows) {
  std::size_t length = 0;
  for (const auto& row : rows) length = std::max(length, row.size());
  torch::Tensor tokens =
      torch::full({static_cast<std::int64_t>(rows.size()), static_cast<std::int64_t>(length)},
                  kPadToken, torch::kInt64);
  auto access = tokens.accessor<std::int64_t, 2>();
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t i = 0; i < rows[r].size(); ++i)
      access[static_cast<std::int64_t>(r)][static_cast<std::int64_t>(i)] = rows[r][i];
  return tokens;
}

/// A training batch: reviews of one length, half of them partly ablated, labelled by the grammar.
Batch training_batch(int words, Rng& rng) {
  std::vector<std::vector<std::int64_t>> rows;
  std::vector<float> labels;
  std::vector<std::uint8_t> kept(static_cast<std::size_t>(words));
  while (static_cast<int>(rows.size()) < kBatch) {
    const Review review = generate_review(words, rng);
    std::fill(kept.begin(), kept.end(), 1);
    if (rng.uniform() < 0.5) {
      const double rate = rng.uniform(0.2, 1.0);
      for (auto& k : kept) k = rng.uniform() < rate ? 1 : 0;
    }
    const double score = review_score(review, kept);
    if (score == 0) continue;
    std::vector<std::int64_t> tokens = review.tokens();
    const std::vector<int> positions = review.word_positions();
    for (int i = 0; i < words; ++i)
      if (kept[static_cast<std::size_t>(i)] == 0)
        tokens[static_cast<std::size_t>(positions[static_cast<std::size_t>(i)])] = kReviewMaskToken;
    rows.push_back(std::move(tokens));
    labels.push_back(score > 0 ? 1.0F : 0.0F);
  }
  return {pad_rows(rows), torch::tensor(labels)};
}

void train(ReviewTransformer& model, const ReviewClassifierRecipe& recipe) {
  Rng init_rng(derive_seed(recipe.seed, "review-classifier", "init"));
  Rng data_rng(derive_seed(recipe.seed, "review-classifier", "data"));
  initialize(model, init_rng);
  model->train();
  torch::optim::AdamW optimizer(
      model->parameters(), torch::optim::AdamWOptions(kLearningRate).weight_decay(kWeightDecay));
  const double log_shortest = std::log(static_cast<double>(kShortestReview));
  const double log_longest = std::log(static_cast<double>(recipe.longest_review));
  const Stopwatch elapsed;
  double recent_loss = 0;
  for (int step = 0; step < recipe.steps; ++step) {
    const double warmup = std::min(1.0, (step + 1.0) / kWarmupSteps);
    const double cosine = 0.5 * (1 + std::cos(M_PI * step / recipe.steps));
    for (auto& group : optimizer.param_groups())
      static_cast<torch::optim::AdamWOptions&>(group.options()).lr(kLearningRate * warmup * cosine);
    const int words = static_cast<int>(std::exp(data_rng.uniform(log_shortest, log_longest)));
    const Batch batch = training_batch(words, data_rng);
    const torch::Tensor loss =
        torch::binary_cross_entropy_with_logits(model->forward(batch.tokens), batch.labels);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    recent_loss += loss.item<double>();
    if ((step + 1) % 500 == 0 || step + 1 == recipe.steps) {
      const double seconds = elapsed.seconds();
      std::cerr << "spexbench: review classifier: step " << step + 1 << "/" << recipe.steps
                << ", loss " << recent_loss / ((step % 500) + 1) << ", "
                << static_cast<int>(seconds) << " s\n";
      recent_loss = 0;
    }
  }
  model->eval();
}

/// Held-out accuracy per length, on reviews from a stream the training never draws from.
std::vector<std::pair<int, double>> held_out_accuracy(ReviewTransformer& model,
                                                      const ReviewClassifierRecipe& recipe) {
  const torch::InferenceMode inference;
  Rng rng(derive_seed(recipe.seed, "review-classifier", "held-out"));
  std::vector<std::pair<int, double>> accuracy;
  for (const int words : kHeldOutLengths) {
    std::vector<std::vector<std::int64_t>> rows;
    std::vector<bool> positive;
    for (int r = 0; r < kHeldOutPerLength; ++r) {
      const Review review = generate_review(words, rng);
      const std::vector<std::uint8_t> all(static_cast<std::size_t>(words), 1);
      positive.push_back(review_score(review, all) > 0);
      rows.push_back(review.tokens());
    }
    const torch::Tensor logits = model->forward(pad_rows(rows)).to(torch::kFloat64);
    const auto read = logits.accessor<double, 1>();
    int correct = 0;
    for (int r = 0; r < kHeldOutPerLength; ++r)
      correct += (read[r] > 0) == positive[static_cast<std::size_t>(r)];
    accuracy.emplace_back(words, static_cast<double>(correct) / kHeldOutPerLength);
  }
  return accuracy;
}

}  // namespace

std::string ReviewClassifierRecipe::text() const {
  return str_cat("review-classifier-v", kFormatVersion, ":layers=", shape.layers,
                 ",heads=", shape.heads, ",width=", shape.width, ",window=", shape.window,
                 ",seed=", seed, ",steps=", steps, ",longest_review=", longest_review);
}

ReviewTransformer review_classifier(const ReviewClassifierRecipe& recipe,
                                    ReviewClassifierReport* report) {
  SPEXBENCH_ASSERT(recipe.shape.width % recipe.shape.heads == 0, "width ", recipe.shape.width,
                   " heads ", recipe.shape.heads);
  ReviewTransformer model(recipe.shape, review_vocabulary_size());
  ReviewClassifierReport result;
  auto produce = [&](const std::filesystem::path& path) {
    std::cerr << "spexbench: training the review classifier " << recipe.text()
              << " (once; cached in " << model_cache_folder().string() << ")\n";
    const int threads = at::get_num_threads();
    at::set_num_threads(kTrainingThreads);
    const Stopwatch training_time;
    train(model, recipe);
    result.training_seconds = training_time.seconds();
    const auto accuracy = held_out_accuracy(model, recipe);
    at::set_num_threads(threads);
    std::cerr << "spexbench: review classifier trained in "
              << static_cast<int>(result.training_seconds)
              << " s; held-out accuracy by review length:";
    for (const auto& [words, value] : accuracy) std::cerr << " " << words << ": " << value;
    std::cerr << "\n";
    torch::serialize::OutputArchive archive;
    model->save(archive);
    archive.write("recipe", c10::IValue(recipe.text()));
    std::vector<double> by_length;
    for (const auto& [words, value] : accuracy) by_length.push_back(value);
    archive.write("accuracy_by_length", torch::tensor(by_length, torch::kFloat64),
                  /*is_buffer=*/true);
    archive.save_to(path.string());
  };
  auto load = [&](const std::filesystem::path& path) {
    try {
      torch::serialize::InputArchive archive;
      archive.load_from(path.string());
      c10::IValue stored;
      if (!archive.try_read("recipe", stored) || !stored.isString() ||
          stored.toStringRef() != recipe.text())
        return false;
      model->load(archive);
      torch::Tensor by_length;
      archive.read("accuracy_by_length", by_length, /*is_buffer=*/true);
      result.by_length.clear();
      result.accuracy = 0;
      for (std::size_t i = 0; i < kHeldOutLengths.size(); ++i) {
        const double value = by_length[static_cast<std::int64_t>(i)].item<double>();
        result.by_length.emplace_back(kHeldOutLengths[i], value);
        result.accuracy += value / static_cast<double>(kHeldOutLengths.size());
      }
      return true;
    } catch (const c10::Error& error) {
      std::cerr << "spexbench: cannot read the cached model '" << path.string() << "' ("
                << error.what_without_backtrace() << "); training it again\n";
      return false;
    }
  };
  result.file = load_or_produce_model("review-classifier", recipe.text(), produce, load);
  model->eval();
  if (report != nullptr) *report = result;
  return model;
}

}  // namespace spexbench::llm
