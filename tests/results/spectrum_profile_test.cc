#include "results/spectrum_profile.h"

#include <gtest/gtest.h>

#include "core/error.h"

namespace spexbench {
namespace {

TEST(SpectrumProfile, SharesOfTheLargestTermsAndOfEachDegree) {
  SparsePolynomial f(4, Basis::kFourier);
  f.add_term(std::vector<std::uint32_t>{}, 5.0);  // the mean: not part of the variance
  f.add_term(std::vector<std::uint32_t>{0}, 3.0);
  f.add_term(std::vector<std::uint32_t>{1, 2}, -2.0);
  f.add_term(std::vector<std::uint32_t>{0, 1, 3}, 1.0);
  f.canonicalize();
  const SpectrumProfile profile = spectrum_profile(f, {1, 2, 10}, {0.5, 0.9, 0.99, 1.0});
  EXPECT_EQ(profile.terms, 3U);
  EXPECT_DOUBLE_EQ(profile.variance, 14.0);
  ASSERT_EQ(profile.top.size(), 3U);
  EXPECT_DOUBLE_EQ(profile.top[0].share, 9.0 / 14);
  EXPECT_DOUBLE_EQ(profile.top[1].share, 13.0 / 14);
  EXPECT_DOUBLE_EQ(profile.top[2].share, 1.0);  // k above the terms: all of them
  ASSERT_EQ(profile.degree.size(), 3U);
  EXPECT_DOUBLE_EQ(profile.degree[0], 9.0 / 14);
  EXPECT_DOUBLE_EQ(profile.degree[1], 4.0 / 14);
  EXPECT_DOUBLE_EQ(profile.degree[2], 1.0 / 14);
  ASSERT_EQ(profile.needed.size(), 4U);
  EXPECT_EQ(profile.needed[0].terms, 1U);  // 9/14 >= 0.5
  EXPECT_EQ(profile.needed[1].terms, 2U);  // 13/14 >= 0.9
  EXPECT_EQ(profile.needed[2].terms, 3U);
  EXPECT_EQ(profile.needed[3].terms, 3U);
  const std::string text = format_spectrum_profile(profile);
  EXPECT_NE(text.find("top 1 0.6429"), std::string::npos) << text;
  EXPECT_NE(text.find("2: 0.286"), std::string::npos) << text;
}

TEST(SpectrumProfile, AMobiusProductSpreadsOverItsFourierSubsets) {
  // m0 m1 = (1 - x0 - x1 + x0 x1) / 4 with x_i = (-1)^(m_i): three terms of energy 1/16.
  SparsePolynomial f(3, Basis::kMobius);
  f.add_term(std::vector<std::uint32_t>{0, 1}, 1.0);
  f.canonicalize();
  const SpectrumProfile profile = spectrum_profile(f);
  EXPECT_EQ(profile.terms, 3U);
  EXPECT_DOUBLE_EQ(profile.variance, 3.0 / 16);
  ASSERT_EQ(profile.degree.size(), 2U);
  EXPECT_DOUBLE_EQ(profile.degree[0], 2.0 / 3);
  EXPECT_DOUBLE_EQ(profile.degree[1], 1.0 / 3);
  EXPECT_DOUBLE_EQ(profile.top[0].share, 1.0);  // top 10 of 3 terms
}

TEST(SpectrumProfile, AConstantHasNoVarianceAndABadShareIsAnError) {
  SparsePolynomial f(2, Basis::kFourier);
  f.add_term(std::vector<std::uint32_t>{}, 1.0);
  f.canonicalize();
  const SpectrumProfile profile = spectrum_profile(f, {10}, {0.9});
  EXPECT_EQ(profile.terms, 0U);
  EXPECT_EQ(profile.top[0].share, 0.0);
  EXPECT_EQ(profile.needed[0].terms, 0U);
  EXPECT_THROW((void)spectrum_profile(f, {10}, {1.5}), Error);
}

}  // namespace
}  // namespace spexbench
