#include "core/sparse_polynomial.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "core/transforms.h"
#include "tests/core/brute_force.h"
#include "tests/tolerances.h"

namespace spexbench {
namespace {

using test::brute_evaluate;
using test::kExact;
using test::random_polynomial;

TEST(SparsePolynomial, EvaluatesBothBasesLikeTheDefinition) {
  for (const Basis basis : {Basis::kFourier, Basis::kMobius}) {
    for (const int terms : {1, 5, 40}) {  // few terms: bit-sliced path; many: dense table path
      const SparsePolynomial poly = random_polynomial(10, terms, 4, basis, 100 + terms);
      const MaskBatch masks = enumerate_masks(10, 0, 1024);
      const auto values = poly.evaluate(masks);
      for (std::uint64_t x = 0; x < 1024; ++x)
        ASSERT_NEAR(values[x], brute_evaluate(poly, x), kExact) << basis_name(basis) << " x=" << x;
    }
  }
}

TEST(SparsePolynomial, BitSlicedEvaluationHandlesManyWordsAndPartialBlocks) {
  // n = 130 spans three words; 100 masks leave a partial block of 36. 30 terms use most
  // components (every word transposed); 4 terms, or 30 at n = 5000, use few (columns gathered).
  const struct { int n, terms; } shapes[] = {{130, 30}, {130, 4}, {5000, 30}};
  for (const auto& [n, terms] : shapes)
    for (const Basis basis : {Basis::kFourier, Basis::kMobius}) {
      const SparsePolynomial poly = random_polynomial(n, terms, 3, basis, 7);
      Rng rng(8);
      const MaskBatch masks = uniform_masks(100, n, rng);
      const auto values = poly.evaluate(masks);
      for (std::size_t r = 0; r < masks.rows(); ++r) {
        double expected = 0;
        for (std::size_t t = 0; t < poly.size(); ++t) {
          int ones = 0;
          for (const auto f : poly.term(t)) ones += masks.get(r, static_cast<int>(f));
          if (basis == Basis::kFourier) {
            expected += (ones % 2 ? -1.0 : 1.0) * poly.coef(t);
          } else if (ones == static_cast<int>(poly.degree(t))) {
            expected += poly.coef(t);
          }
        }
        ASSERT_NEAR(values[r], expected, kExact) << "n=" << n << " terms " << terms << " row " << r;
      }
    }
}

TEST(SparsePolynomial, BasisConversionPreservesTheFunctionAndRoundTrips) {
  for (const int terms : {3, 12, 200}) {  // sparse expansion and (for 200) the dense path
    const SparsePolynomial fourier = random_polynomial(9, terms, 5, Basis::kFourier, terms);
    const SparsePolynomial mobius = fourier.to_basis(Basis::kMobius);
    EXPECT_EQ(mobius.basis(), Basis::kMobius);
    for (std::uint64_t x = 0; x < 512; ++x)
      ASSERT_NEAR(brute_evaluate(mobius, x), brute_evaluate(fourier, x), kExact);
    const SparsePolynomial back = mobius.to_basis(Basis::kFourier);
    ASSERT_EQ(back.size(), fourier.size());
    for (std::size_t t = 0; t < back.size(); ++t) {
      EXPECT_TRUE(std::ranges::equal(back.term(t), fourier.term(t)));
      EXPECT_NEAR(back.coef(t), fourier.coef(t), kExact);
    }
  }
}

TEST(SparsePolynomial, MobiusOfAFourierTermFollowsTheClosedForm) {
  // F({0,1}) = 1: a(S) = (-2)^{|S|} for S ⊆ {0,1}, i.e. 1 - 2x0 - 2x1 + 4 x0 x1.
  SparsePolynomial f(3, Basis::kFourier);
  f.add_term({0, 1}, 1.0);
  const SparsePolynomial a = f.to_basis(Basis::kMobius);
  ASSERT_EQ(a.size(), 4u);
  EXPECT_DOUBLE_EQ(*a.find(std::vector<std::uint32_t>{}), 1.0);
  EXPECT_DOUBLE_EQ(*a.find(std::vector<std::uint32_t>{0}), -2.0);
  EXPECT_DOUBLE_EQ(*a.find(std::vector<std::uint32_t>{1}), -2.0);
  EXPECT_DOUBLE_EQ(*a.find(std::vector<std::uint32_t>{0, 1}), 4.0);
}

TEST(SparsePolynomial, CanonicalizeMergesSortsAndDropsZeros) {
  SparsePolynomial p(5, Basis::kFourier);
  p.add_term({1, 3}, 1.0);
  p.add_term({}, 2.0);
  p.add_term({1, 3}, 0.5);
  p.add_term({0}, 1.0);
  p.add_term({0}, -1.0);
  p.canonicalize();
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p.degree(0), 0u);
  EXPECT_DOUBLE_EQ(p.coef(1), 1.5);
}

TEST(SparsePolynomial, TopKKeepsTheLargestMagnitudes) {
  SparsePolynomial p(4, Basis::kFourier);
  p.add_term({0}, 0.1);
  p.add_term({1}, -3.0);
  p.add_term({2}, 2.0);
  p.add_term({3}, 0.5);
  const SparsePolynomial top = p.top_k(2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_DOUBLE_EQ(*top.find(std::vector<std::uint32_t>{1}), -3.0);
  EXPECT_DOUBLE_EQ(*top.find(std::vector<std::uint32_t>{2}), 2.0);
  EXPECT_EQ(p.top_k(10).size(), 4u);
}

TEST(SparsePolynomial, RejectsInvalidTermsAndCsr) {
  SparsePolynomial p(4, Basis::kFourier);
  EXPECT_THROW(p.add_term({4}, 1.0), Error);
  EXPECT_THROW(p.add_term({2, 1}, 1.0), Error);
  EXPECT_THROW(p.add_term({1, 1}, 1.0), Error);
  EXPECT_THROW((void)SparsePolynomial::from_csr(4, Basis::kFourier, {0, 2}, {0}, {1.0}), Error);
  EXPECT_THROW((void)SparsePolynomial::from_csr(4, Basis::kFourier, {0, 1}, {0}, {NAN}), Error);
}

TEST(TermIndex, FindsEveryTermAfterGrowth) {
  const SparsePolynomial poly = random_polynomial(40, 500, 4, Basis::kFourier, 3);
  const TermIndex index(poly);
  for (std::size_t t = 0; t < poly.size(); ++t) EXPECT_EQ(index.find(poly.term(t)), t);
  const std::vector<std::uint32_t> absent = {0, 1, 2, 3, 4, 5, 6};
  EXPECT_FALSE(index.find(absent).has_value());
}

}  // namespace
}  // namespace spexbench
