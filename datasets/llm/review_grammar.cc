#include "datasets/llm/review_grammar.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <map>

#include "core/error.h"

namespace spexbench::llm {
namespace {

struct Word {
  std::string_view text;
  WordRole role;
};

constexpr std::array kVocabulary = {
    Word{"[PAD]", WordRole::kSpecial},      Word{"[MASK]", WordRole::kSpecial},
    Word{"[BOS]", WordRole::kSpecial},      Word{".", WordRole::kSpecial},
    Word{"good", WordRole::kPositive},      Word{"great", WordRole::kPositive},
    Word{"excellent", WordRole::kPositive}, Word{"wonderful", WordRole::kPositive},
    Word{"superb", WordRole::kPositive},    Word{"enjoyable", WordRole::kPositive},
    Word{"brilliant", WordRole::kPositive}, Word{"charming", WordRole::kPositive},
    Word{"bad", WordRole::kNegative},       Word{"awful", WordRole::kNegative},
    Word{"terrible", WordRole::kNegative},  Word{"boring", WordRole::kNegative},
    Word{"dull", WordRole::kNegative},      Word{"poor", WordRole::kNegative},
    Word{"weak", WordRole::kNegative},      Word{"clumsy", WordRole::kNegative},
    Word{"not", WordRole::kNegation},       Word{"never", WordRole::kNegation},
    Word{"very", WordRole::kIntensifier},   Word{"truly", WordRole::kIntensifier},
    Word{"really", WordRole::kIntensifier}, Word{"but", WordRole::kContrast},
    Word{"the", WordRole::kFiller},         Word{"movie", WordRole::kFiller},
    Word{"plot", WordRole::kFiller},        Word{"acting", WordRole::kFiller},
    Word{"was", WordRole::kFiller},         Word{"film", WordRole::kFiller},
    Word{"story", WordRole::kFiller},       Word{"it", WordRole::kFiller},
    Word{"and", WordRole::kFiller},         Word{"a", WordRole::kFiller},
    Word{"of", WordRole::kFiller},          Word{"is", WordRole::kFiller},
    Word{"with", WordRole::kFiller},        Word{"cast", WordRole::kFiller},
    Word{"this", WordRole::kFiller},        Word{"scenes", WordRole::kFiller},
    Word{"ending", WordRole::kFiller},      Word{"script", WordRole::kFiller},
    Word{"music", WordRole::kFiller},       Word{"director", WordRole::kFiller},
};

// Generator settings (documented in the header and in datasets/llm/README.md).
constexpr int kShortestSentence = 3;
constexpr int kLongestSentence = 12;
constexpr double kPhraseRate = 0.3;     // a sentiment phrase starts at a word with this probability
constexpr double kNegationRate = 0.25;  // a phrase opens with a negation
constexpr double kIntensifierRate = 0.25;
constexpr double kAgreement = 0.8;      // a phrase's sign agrees with the review's polarity
constexpr double kContrastRate = 0.35;  // a sentence of 4+ words has a "but"
constexpr double kContrastWeight = 3.0;

/// The tokens of one role, in vocabulary order.
std::vector<std::int64_t> tokens_of(WordRole role) {
  std::vector<std::int64_t> tokens;
  for (std::size_t t = 0; t < kVocabulary.size(); ++t)
    if (kVocabulary[t].role == role) tokens.push_back(static_cast<std::int64_t>(t));
  return tokens;
}

std::int64_t pick(const std::vector<std::int64_t>& tokens, Rng& rng) {
  return tokens[rng.below(tokens.size())];
}

double polarity(std::int64_t token) {
  const WordRole role = token_role(token);
  return role == WordRole::kPositive ? 1.0 : role == WordRole::kNegative ? -1.0 : 0.0;
}

std::vector<std::int64_t> generate_sentence(int length, double review_sign, Rng& rng) {
  static const auto positive = tokens_of(WordRole::kPositive);
  static const auto negative = tokens_of(WordRole::kNegative);
  static const auto negations = tokens_of(WordRole::kNegation);
  static const auto intensifiers = tokens_of(WordRole::kIntensifier);
  static const auto fillers = tokens_of(WordRole::kFiller);
  static const std::int64_t contrast = tokens_of(WordRole::kContrast).front();
  std::vector<std::int64_t> words;
  while (static_cast<int>(words.size()) < length) {
    if (rng.uniform() >= kPhraseRate) {
      words.push_back(pick(fillers, rng));
      continue;
    }
    const double sign = rng.uniform() < kAgreement ? review_sign : -review_sign;
    const bool negated = rng.uniform() < kNegationRate;
    if (negated) words.push_back(pick(negations, rng));
    if (rng.uniform() < kIntensifierRate) words.push_back(pick(intensifiers, rng));
    words.push_back(pick((negated ? -sign : sign) > 0 ? positive : negative, rng));
  }
  words.resize(static_cast<std::size_t>(length));
  if (length >= 4 && rng.uniform() < kContrastRate)
    words[1 + rng.below(static_cast<std::uint64_t>(length - 2))] = contrast;
  return words;
}

/// Sum over kept sentiment words of polarity x modifier x weight; `kept` may be null (all kept).
double score(const Review& review, const std::uint8_t* kept) {
  auto is = [&](int p, WordRole role) {
    return token_role(review.words[static_cast<std::size_t>(p)]) == role &&
           (kept == nullptr || kept[p] != 0);
  };
  double total = 0;
  int start = 0;
  for (const int end : review.sentence_ends) {
    double weight = 1;
    for (int p = start; p < end; ++p) {
      if (is(p, WordRole::kContrast)) weight = kContrastWeight;
      const double sign = polarity(review.words[static_cast<std::size_t>(p)]);
      if (sign == 0 || (kept != nullptr && kept[p] == 0)) continue;
      double modifier = 1;
      if (p - 1 >= start && is(p - 1, WordRole::kIntensifier))
        modifier = p - 2 >= start && is(p - 2, WordRole::kNegation) ? -2 : 2;
      else if (p - 1 >= start && is(p - 1, WordRole::kNegation))
        modifier = -1;
      total += sign * modifier * weight;
    }
    start = end;
  }
  return total;
}

// Möbius polynomials as set -> coefficient maps, for expanding the score's products.
using Terms = std::map<std::vector<std::uint32_t>, double>;

Terms times(const Terms& a, const Terms& b) {
  Terms product;
  for (const auto& [s, x] : a) {
    for (const auto& [t, y] : b) {
      std::vector<std::uint32_t> set;
      std::set_union(s.begin(), s.end(), t.begin(), t.end(), std::back_inserter(set));
      product[set] += x * y;
    }
  }
  return product;
}

/// constant + coef * prod_{i in set} x_i
Terms affine(double constant, double coef, std::vector<std::uint32_t> set) {
  return Terms{{{}, constant}, {std::move(set), coef}};
}

}  // namespace

std::int64_t review_vocabulary_size() { return static_cast<std::int64_t>(kVocabulary.size()); }

std::string_view token_text(std::int64_t token) {
  SPEXBENCH_ASSERT(token >= 0 && token < review_vocabulary_size(), "token ", token);
  return kVocabulary[static_cast<std::size_t>(token)].text;
}

WordRole token_role(std::int64_t token) {
  SPEXBENCH_ASSERT(token >= 0 && token < review_vocabulary_size(), "token ", token);
  return kVocabulary[static_cast<std::size_t>(token)].role;
}

std::vector<std::int64_t> Review::tokens() const {
  std::vector<std::int64_t> tokens{kBosToken};
  std::size_t sentence = 0;
  for (int i = 0; i < size(); ++i) {
    tokens.push_back(words[static_cast<std::size_t>(i)]);
    if (i + 1 == sentence_ends[sentence]) {
      tokens.push_back(kPeriodToken);
      ++sentence;
    }
  }
  return tokens;
}

std::vector<int> Review::word_positions() const {
  std::vector<int> positions;
  std::size_t sentence = 0;
  int position = 1;  // after [BOS]
  for (int i = 0; i < size(); ++i) {
    positions.push_back(position++);
    if (i + 1 == sentence_ends[sentence]) {
      ++position;  // the period
      ++sentence;
    }
  }
  return positions;
}

std::string Review::text() const {
  std::string text;
  for (const std::int64_t token : tokens()) {
    if (token == kBosToken) continue;
    if (!text.empty() && token != kPeriodToken) text += ' ';
    text += token_text(token);
  }
  return text;
}

Review generate_review(int n, Rng& rng) {
  SPEXBENCH_ASSERT(n >= 1, "generate_review(n=", n, ")");
  while (true) {
    Review review;
    const double review_sign = rng.uniform() < 0.5 ? 1.0 : -1.0;
    while (review.size() < n) {
      const int length =
          kShortestSentence + static_cast<int>(rng.below(kLongestSentence - kShortestSentence + 1));
      for (const std::int64_t word : generate_sentence(length, review_sign, rng))
        review.words.push_back(word);
      review.sentence_ends.push_back(std::min(review.size(), n));
    }
    review.words.resize(static_cast<std::size_t>(n));
    if (score(review, nullptr) != 0) return review;
  }
}

double review_score(const Review& review, std::span<const std::uint8_t> kept) {
  SPEXBENCH_ASSERT(static_cast<int>(kept.size()) == review.size(), "kept has ", kept.size(),
                   " entries for ", review.size(), " words");
  return score(review, kept.data());
}

SparsePolynomial intended_interactions(const Review& review) {
  SparsePolynomial polynomial(review.size(), Basis::kMobius);
  auto is = [&](int p, WordRole role) {
    return token_role(review.words[static_cast<std::size_t>(p)]) == role;
  };
  int start = 0;
  for (const int end : review.sentence_ends) {
    for (int p = start; p < end; ++p) {
      const double sign = polarity(review.words[static_cast<std::size_t>(p)]);
      if (sign == 0) continue;
      const auto u = [](int i) { return static_cast<std::uint32_t>(i); };
      Terms terms{{{u(p)}, sign}};
      if (p - 1 >= start && is(p - 1, WordRole::kIntensifier)) {
        terms = times(terms, affine(1, 1, {u(p - 1)}));
        if (p - 2 >= start && is(p - 2, WordRole::kNegation))
          terms = times(terms, affine(1, -2, {u(p - 2), u(p - 1)}));
      } else if (p - 1 >= start && is(p - 1, WordRole::kNegation)) {
        terms = times(terms, affine(1, -2, {u(p - 1)}));
      }
      // A contrast word before p in the sentence: weight 3 when any is kept, 1 + 2 (1 - prod(1 -
      // x_c)).
      Terms none_kept{{{}, 1.0}};
      for (int c = start; c < p; ++c)
        if (is(c, WordRole::kContrast)) none_kept = times(none_kept, affine(1, -1, {u(c)}));
      Terms weight = none_kept;
      for (auto& [set, coef] : weight) coef *= -(kContrastWeight - 1);
      weight[{}] += kContrastWeight;
      terms = times(terms, weight);
      for (const auto& [set, coef] : terms)
        if (coef != 0) polynomial.add_term(set, coef);
    }
    start = end;
  }
  polynomial.canonicalize();
  return polynomial;
}

}  // namespace spexbench::llm
