#include "datasets/llm/review_grammar.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/mask.h"
#include "core/rng.h"

namespace spexbench::llm {
namespace {

std::int64_t token_of(std::string_view text) {
  for (std::int64_t t = 0; t < review_vocabulary_size(); ++t)
    if (token_text(t) == text) return t;
  ADD_FAILURE() << "no token '" << text << "'";
  return 0;
}

/// A review from text: sentences end at ".", which is not a word.
Review parse(const std::string& text) {
  Review review;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (word == ".") {
      review.sentence_ends.push_back(review.size());
      continue;
    }
    review.words.push_back(token_of(word));
  }
  if (review.sentence_ends.empty() || review.sentence_ends.back() != review.size())
    review.sentence_ends.push_back(review.size());
  return review;
}

double score_all_kept(const Review& review) {
  return review_score(review,
                      std::vector<std::uint8_t>(static_cast<std::size_t>(review.size()), 1));
}

TEST(ReviewGrammar, ScoresNegationIntensifiersAndContrast) {
  EXPECT_EQ(score_all_kept(parse("the movie was good .")), 1);
  EXPECT_EQ(score_all_kept(parse("the movie was not good .")), -1);
  EXPECT_EQ(score_all_kept(parse("the movie was very good .")), 2);
  EXPECT_EQ(score_all_kept(parse("the movie was not very good .")), -2);
  EXPECT_EQ(score_all_kept(parse("the plot was dull but the cast was brilliant .")), -1 + 3);
  // Contrast and modifiers stop at the end of their sentence.
  EXPECT_EQ(score_all_kept(parse("it was dull but the cast . brilliant acting .")), -1 + 1);
  EXPECT_EQ(score_all_kept(parse("it was not . good acting .")), 1);
}

TEST(ReviewGrammar, AblatedWordsNeitherCountNorModify) {
  const Review review = parse("the movie was not very good");
  auto score = [&](std::vector<std::uint8_t> kept) { return review_score(review, kept); };
  EXPECT_EQ(score({1, 1, 1, 1, 1, 1}), -2);
  EXPECT_EQ(score({1, 1, 1, 0, 1, 1}), 2);  // "very good"
  EXPECT_EQ(score({1, 1, 1, 1, 0, 1}), 1);  // "not [MASK] good": the chain is broken
  EXPECT_EQ(score({1, 1, 1, 1, 1, 0}), 0);  // no sentiment word left
}

TEST(ReviewGrammar, IntendedInteractionsAreTheScoreOnEveryMask) {
  Rng rng(7);
  for (int trial = 0; trial < 30; ++trial) {
    const int n = 8 + static_cast<int>(rng.below(7));
    const Review review = generate_review(n, rng);
    const SparsePolynomial intended = intended_interactions(review);
    EXPECT_EQ(intended.basis(), Basis::kMobius);
    const MaskBatch masks = enumerate_masks(n, 0, std::size_t{1} << n);
    const std::vector<double> values = intended.evaluate(masks);
    std::vector<std::uint8_t> kept(static_cast<std::size_t>(n));
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      for (int i = 0; i < n; ++i) kept[static_cast<std::size_t>(i)] = masks.get(r, i);
      ASSERT_NEAR(values[r], review_score(review, kept), 1e-12) << review.text() << " mask " << r;
    }
  }
}

TEST(ReviewGrammar, IntendedInteractionsHoldAtFiveHundredWords) {
  Rng rng(8);
  const Review review = generate_review(512, rng);
  const SparsePolynomial intended = intended_interactions(review);
  std::size_t max_degree = 0;
  for (std::size_t t = 0; t < intended.size(); ++t)
    max_degree = std::max(max_degree, intended.degree(t));
  EXPECT_GE(max_degree, 3u);
  EXPECT_LE(max_degree, 4u);
  const MaskBatch masks = uniform_masks(200, 512, rng);
  const std::vector<double> values = intended.evaluate(masks);
  std::vector<std::uint8_t> kept(512);
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    for (int i = 0; i < 512; ++i) kept[static_cast<std::size_t>(i)] = masks.get(r, i);
    ASSERT_NEAR(values[r], review_score(review, kept), 1e-9);
  }
}

TEST(ReviewGrammar, GeneratedReviewsAreWellFormedAndDeterministic) {
  for (const int n : {1, 8, 33, 512}) {
    Rng a(n), b(n);
    const Review review = generate_review(n, a);
    EXPECT_EQ(review.words, generate_review(n, b).words);
    ASSERT_EQ(review.size(), n);
    EXPECT_NE(score_all_kept(review), 0);
    EXPECT_EQ(review.sentence_ends.back(), n);
    int previous = 0;
    for (const int end : review.sentence_ends) {
      EXPECT_GT(end, previous);
      EXPECT_LE(end - previous, 12);
      previous = end;
    }
    const std::vector<std::int64_t> tokens = review.tokens();
    const std::vector<int> positions = review.word_positions();
    EXPECT_EQ(tokens.front(), kBosToken);
    EXPECT_EQ(tokens.back(), kPeriodToken);
    EXPECT_EQ(tokens.size(), 1 + review.words.size() + review.sentence_ends.size());
    for (int i = 0; i < n; ++i)
      EXPECT_EQ(tokens[static_cast<std::size_t>(positions[static_cast<std::size_t>(i)])],
                review.words[static_cast<std::size_t>(i)]);
  }
}

TEST(ReviewGrammar, LongReviewsLeanOneWay) {
  // Phrases agree with the review's polarity 80% of the time: the share of positive labels is
  // near one half, and long reviews rarely score near 0.
  Rng rng(9);
  int positive = 0, near_zero = 0;
  for (int r = 0; r < 400; ++r) {
    const double score = score_all_kept(generate_review(256, rng));
    positive += score > 0;
    near_zero += std::abs(score) <= 2;
  }
  EXPECT_NEAR(positive / 400.0, 0.5, 0.1);
  EXPECT_LT(near_zero, 20);
}

}  // namespace
}  // namespace spexbench::llm
