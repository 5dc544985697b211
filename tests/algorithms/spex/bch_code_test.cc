#include "algorithms/spex/bch_code.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench::spex {
namespace {

// docs/spex.md, "Query design": P for t = 5 by n range, and the sample counts 3 (P + 1) 2^b.
TEST(BchCode, ParityLengthsMatchTheReferenceTable) {
  const struct {
    int n_lo, n_hi, parity;
  } table[] = {{2, 11, 20},    {12, 36, 27},   {37, 92, 35},   {93, 215, 40},
               {216, 466, 45}, {467, 973, 50}, {974, 1992, 55}};
  for (const auto& row : table) {
    for (const int n : {row.n_lo, row.n_hi})
      EXPECT_EQ(BchCode::parity_length(n, 5), row.parity) << n;
  }
  for (const int n : {12, 20, 36}) EXPECT_EQ(3 * (BchCode::parity_length(n, 5) + 1) * 256, 21504);
  for (const int n : {974, 1024, 1992})
    EXPECT_EQ(3 * (BchCode::parity_length(n, 5) + 1) * 256, 43008);
  EXPECT_EQ(3 * (BchCode::parity_length(20, 5) + 1) * 16, 1344);
  EXPECT_EQ(3 * (BchCode::parity_length(600, 5) + 1) * 16, 2448);
  // Other t: P = t m at m = 10 (n up to about 1000), and the quoted t = 4 and t = 6 values.
  EXPECT_EQ(BchCode::parity_length(1003, 2), 20);
  EXPECT_EQ(BchCode::parity_length(900, 3), 30);
  EXPECT_EQ(BchCode::parity_length(983, 4), 40);
  EXPECT_EQ(BchCode::parity_length(963, 6), 60);
  // shapiq's example: n = 8 at t = 3 has P = 15.
  EXPECT_EQ(BchCode::parity_length(8, 3), 15);
}

TEST(BchCode, CodewordsHaveZeroSyndromes) {
  const BchCode code(100, 5);
  Rng rng(1);
  for (int trial = 0; trial < 50; ++trial) {
    // The received word [k | parity(k)] is a codeword; [0 | parity(k)] differs from it on k.
    auto k = rng.sample_without_replacement(100, static_cast<std::uint32_t>(rng.below(40)));
    std::sort(k.begin(), k.end());
    const Parity parity = code.parity_of(k);
    BchCode::Syndromes syn = code.syndromes(parity);
    for (const auto i : k) code.flip(syn, code.parity_bits() + static_cast<int>(i));
    for (int j = 0; j < 10; ++j) EXPECT_EQ(syn.s[static_cast<std::size_t>(j)], 0u);
  }
}

TEST(BchCode, DecodesEveryPatternWithinTheCorrectionRadius) {
  for (const int t : {1, 2, 5, 8}) {
    const BchCode code(300, t);
    Rng rng(static_cast<std::uint64_t>(t));
    for (int trial = 0; trial < 200; ++trial) {
      const auto weight = static_cast<std::uint32_t>(rng.below(static_cast<std::uint64_t>(t) + 1));
      auto k = rng.sample_without_replacement(300, weight);
      std::sort(k.begin(), k.end());
      Parity received = code.parity_of(k);
      // Spend what is left of the radius on parity-bit errors.
      const int flips = static_cast<int>(rng.below(static_cast<std::uint64_t>(t) - weight + 1));
      for (const auto p : rng.sample_without_replacement(
               static_cast<std::uint32_t>(code.parity_bits()), static_cast<std::uint32_t>(flips)))
        received.flip(static_cast<int>(p));
      const auto decoded = code.decode(received);
      ASSERT_TRUE(decoded.has_value()) << "t=" << t << " |k|=" << weight << " flips=" << flips;
      EXPECT_EQ(decoded->features, k);
      EXPECT_EQ(decoded->errors, static_cast<int>(weight) + flips);
    }
  }
}

TEST(BchCode, DecodesAtTheLargestCode) {
  // n = 524,192 at t = 5 is the largest shortened code over GF(2^19): P = 95.
  const BchCode code(524192, 5);
  EXPECT_EQ(code.parity_bits(), 95);
  EXPECT_EQ(code.field_degree(), 19);
  EXPECT_THROW(BchCode(524193, 5), Error);
  Rng rng(7);
  for (int trial = 0; trial < 100; ++trial) {
    auto k = rng.sample_without_replacement(524192, static_cast<std::uint32_t>(rng.below(6)));
    if (trial == 0) k = {0, 524191};  // both ends of the message part
    std::sort(k.begin(), k.end());
    const auto decoded = code.decode(code.parity_of(k));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->features, k);
  }
}

TEST(BchCode, BeyondTheRadiusDecodingFailsOrReturnsAnotherCodewordNeverACrash) {
  const BchCode code(64, 3);
  Rng rng(4);
  int failures = 0;
  for (int trial = 0; trial < 200; ++trial) {
    auto k = rng.sample_without_replacement(64, 6);
    std::sort(k.begin(), k.end());
    const auto decoded = code.decode(code.parity_of(k));
    if (!decoded) {
      ++failures;
      continue;
    }
    EXPECT_NE(decoded->features, k);  // 6 errors cannot be corrected by a t = 3 code
    EXPECT_LE(decoded->errors, 3);
  }
  EXPECT_GT(failures, 100);
}

TEST(BchCode, LimitsAreClearErrors) {
  EXPECT_THROW((void)BchCode::parity_length(10, 0), Error);
  EXPECT_THROW((void)BchCode::parity_length(10, 17), Error);
  try {
    (void)BchCode::parity_length(600000, 5);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("exceeds the largest BCH code over GF(2^19)"),
              std::string::npos);
  }
  EXPECT_EQ(BchCode::parity_length(524000, 5), 95);  // m = 19 still fits
}

}  // namespace
}  // namespace spexbench::spex
