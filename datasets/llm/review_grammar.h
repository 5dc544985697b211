// The language of llm.sentiment: generated movie reviews and the grammar that labels them, whose
// interactions are the ones a sentiment classifier must learn.
//
// Vocabulary (token ids): [PAD] 0, [MASK] 1, [BOS] 2, "." 3, then words by role: 8 positive and
// 8 negative sentiment words, 2 negations (not, never), 3 intensifiers (very, truly, really), the
// contrast word "but" and 20 neutral fillers.
//
// A review is n words in sentences of 3 to 12 words. The model reads [BOS], then each word (or
// [MASK] when the word is ablated) with a "." after every sentence. Sentence ends are structure,
// not features: masks act on words only.
//
// The grammar's score of a review with some words kept is the sum over kept sentiment words w at
// position p of  polarity(w) x modifier(p) x weight(p), where, within p's sentence,
//   modifier = -1 when word p-1 is a kept negation ("not good");
//              2 when word p-1 is a kept intensifier ("very good"), and -2 when moreover word p-2
//              is a kept negation ("not very good");  1 otherwise;
//   weight   = 3 when a kept contrast word precedes p ("dull but brilliant": the second clause
//              dominates);  1 otherwise.
// A review's label is the sign of its score with every word kept; the generator never emits a
// review whose score is 0.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/rng.h"
#include "core/sparse_polynomial.h"

namespace spexbench::llm {

inline constexpr std::int64_t kPadToken = 0;
inline constexpr std::int64_t kReviewMaskToken = 1;
inline constexpr std::int64_t kBosToken = 2;
inline constexpr std::int64_t kPeriodToken = 3;

enum class WordRole { kSpecial, kPositive, kNegative, kNegation, kIntensifier, kContrast, kFiller };

/// The number of token ids, and each one's text and role.
[[nodiscard]] std::int64_t review_vocabulary_size();
[[nodiscard]] std::string_view token_text(std::int64_t token);
[[nodiscard]] WordRole token_role(std::int64_t token);

struct Review {
  std::vector<std::int64_t> words;  ///< word i's token
  std::vector<int> sentence_ends;   ///< one past each sentence's last word, increasing, last = n

  [[nodiscard]] int size() const { return static_cast<int>(words.size()); }
  /// The model's input with every word kept: [BOS] w_1 ... "." ... "."
  [[nodiscard]] std::vector<std::int64_t> tokens() const;
  /// Index in tokens() of each word.
  [[nodiscard]] std::vector<int> word_positions() const;
  /// The words and periods as text.
  [[nodiscard]] std::string text() const;
};

/// A review of n >= 1 words whose score with every word kept is not 0. Its overall polarity is a
/// fair coin; each sentiment phrase agrees with it with probability 0.8, so longer reviews lean
/// more clearly one way, as real ones do.
[[nodiscard]] Review generate_review(int n, Rng& rng);

/// The grammar's score with word i kept when kept[i] != 0.
[[nodiscard]] double review_score(const Review& review, std::span<const std::uint8_t> kept);

/// The score as a function of the mask, in the Möbius basis: the grammar's intended interactions
/// (negation and intensifier pairs and triples, contrast-weighted clauses), up to degree 4.
[[nodiscard]] SparsePolynomial intended_interactions(const Review& review);

}  // namespace spexbench::llm
