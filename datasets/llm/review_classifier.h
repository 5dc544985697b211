// The review classifier of llm.sentiment and llm.heads: a ReviewTransformer trained by the suite
// itself on the review grammar, deterministically, and kept in the model cache (model_cache.h).
//
// Training (the recipe's seed fixes everything): weights initialised from the suite's own RNG
// (PyTorch's default ranges; layer norms at identity; distance biases and readout at 0); AdamW,
// learning rate 3e-3 with 100 warm-up steps and a cosine decay, weight decay 0.01; each step a
// batch of 32 generated reviews of one length, drawn log-uniformly from 8 to `longest_review`
// words; half of them with words ablated ([MASK]) at a keep rate drawn from U(0.2, 1), labelled
// by the grammar's score of what is kept (scores of 0 skipped), so the model learns the grammar
// on masked reviews as well, the inputs every explainer queries. Binary cross-entropy on the
// sign of the score. Two intra-op threads whatever the machine, so the weights do not depend on
// its core count. Held-out accuracy: 100 fresh unmasked reviews at each of 8, 16, ..., 512 words.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "datasets/llm/review_transformer.h"

namespace spexbench::llm {

struct ReviewClassifierRecipe {
  ReviewTransformerShape shape;
  std::uint64_t seed = 0;
  int steps = 3000;
  int longest_review = 64;  ///< longest training review, in words

  /// Canonical text of everything that determines the weights: the model cache's key.
  [[nodiscard]] std::string text() const;
};

struct ReviewClassifierReport {
  double accuracy = 0;                            ///< held-out, over every length
  std::vector<std::pair<int, double>> by_length;  ///< (words, accuracy)
  double training_seconds = 0;                    ///< 0 when the model came from the cache
  std::filesystem::path file;                     ///< its file in the model cache
};

/// The trained classifier of `recipe` on the CPU in eval mode, from the model cache or trained
/// now (progress on stderr). `report`, when given, receives its held-out accuracy and origin.
[[nodiscard]] ReviewTransformer review_classifier(const ReviewClassifierRecipe& recipe,
                                                  ReviewClassifierReport* report = nullptr);

}  // namespace spexbench::llm
