#include "core/regression/sign_matrix.h"

#include <gtest/gtest.h>

#include "core/regression/parity_design.h"
#include "core/rng.h"

namespace spexbench {
namespace {

SignMatrix random_signs(std::int64_t rows, std::int64_t columns, std::uint64_t seed) {
  Rng rng(seed);
  SignMatrix x(rows, columns);
  for (std::int64_t c = 0; c < columns; ++c)
    for (std::int64_t r = 0; r < rows; ++r) x.set(r, c, rng.coin() ? -1 : 1);
  return x;
}

TEST(SignMatrix, DotOverAnyRowRangeIsTheEntrywiseSum) {
  // Ranges inside one word, across word ends, and whole columns (200 rows: four words, the last
  // one partial), against the entry-by-entry sum.
  const SignMatrix x = random_signs(200, 4, 7);
  const std::int64_t ranges[][2] = {{0, 0},    {0, 1},    {3, 60},    {63, 65}, {0, 64},
                                    {64, 128}, {10, 190}, {127, 200}, {0, 200}, {199, 200}};
  for (const auto& [begin, end] : ranges)
    for (std::int64_t a = 0; a < 4; ++a)
      for (std::int64_t b = SignMatrix::kOnes; b < 4; ++b) {
        std::int64_t expected = 0;
        for (std::int64_t r = begin; r < end; ++r) expected += x(r, a) * (b < 0 ? 1 : x(r, b));
        EXPECT_EQ(x.dot(a, b, begin, end), expected)
            << a << " " << b << " [" << begin << ", " << end << ")";
      }
}

TEST(SignMatrix, BytesViewTheSameBitsAsWords) {
  const SignMatrix x = random_signs(77, 3, 9);
  for (std::int64_t c = 0; c < 3; ++c)
    for (std::int64_t r = 0; r < 77; ++r)
      EXPECT_EQ((x.column_bits(c)[r / 8] >> (r % 8)) & 1U, x(r, c) < 0 ? 1U : 0U);
}

TEST(ParityDesign, EntriesAreTheCharactersOfTheTerms) {
  SparsePolynomial poly(70, Basis::kFourier);
  poly.add_term({}, 1.0);
  poly.add_term({3}, 1.0);
  poly.add_term({1, 65, 69}, 1.0);
  Rng rng(3);
  const MaskBatch masks = uniform_masks(150, 70, rng);  // two whole words of rows and a part
  const std::size_t terms[] = {2, 0, 1};                // any order of the polynomial's terms
  const SignMatrix bits = parity_design(masks, poly, terms);
  const Eigen::MatrixXd dense = dense_parity_design(masks, poly, terms);
  for (std::size_t r = 0; r < masks.rows(); ++r)
    for (std::size_t c = 0; c < 3; ++c) {
      int kept = 0;
      for (const std::uint32_t i : poly.term(terms[c])) kept += masks.get(r, static_cast<int>(i));
      const int character = kept % 2 == 0 ? 1 : -1;
      EXPECT_EQ(bits(static_cast<std::int64_t>(r), static_cast<std::int64_t>(c)), character);
      EXPECT_EQ(dense(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)), character);
    }
  for (std::int64_t c = 0; c < 3; ++c)  // the padding past the last row stays zero
    EXPECT_EQ(bits.column_words(c)[2] >> (150 % 64), 0U);
}

}  // namespace
}  // namespace spexbench
