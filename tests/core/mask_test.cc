#include "core/mask.h"

#include <gtest/gtest.h>

#include "core/rng.h"

namespace spexbench {
namespace {

TEST(MaskBatch, BitIOfARowLivesInWordIOver64AtPositionIMod64) {
  MaskBatch masks(2, 130);
  EXPECT_EQ(masks.words_per_row(), 3u);
  masks.set(1, 0, true);
  masks.set(1, 64, true);
  masks.set(1, 129, true);
  EXPECT_EQ(masks.row(1)[0], 1u);
  EXPECT_EQ(masks.row(1)[1], 1u);
  EXPECT_EQ(masks.row(1)[2], 2u);
  EXPECT_TRUE(masks.get(1, 129));
  EXPECT_FALSE(masks.get(0, 129));
  EXPECT_EQ(masks.count_kept(1), 3);
  masks.set(1, 64, false);
  EXPECT_EQ(masks.row(1)[1], 0u);
}

TEST(MaskBatch, EnumerationReadsRowIndexAsTheMask) {
  const MaskBatch masks = enumerate_masks(5, 6, 3);
  ASSERT_EQ(masks.rows(), 3u);
  EXPECT_EQ(masks.row(0)[0], 6u);
  EXPECT_TRUE(masks.get(0, 1) && masks.get(0, 2) && !masks.get(0, 0));
  EXPECT_EQ(masks.row(2)[0], 8u);
}

TEST(MaskBatch, UniformMasksKeepPaddingZeroAndAboutHalfTheBits) {
  Rng rng(42);
  const MaskBatch masks = uniform_masks(2000, 70, rng);
  long kept = 0;
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    EXPECT_EQ(masks.row(r)[1] >> 6, 0u) << "padding bits must be zero";
    kept += masks.count_kept(r);
  }
  EXPECT_NEAR(static_cast<double>(kept) / (2000.0 * 70.0), 0.5, 0.01);
}

TEST(MaskBatch, SliceAndPushBackCopyRows) {
  Rng rng(1);
  const MaskBatch masks = uniform_masks(10, 100, rng);
  const MaskBatch middle = masks.slice(3, 4);
  MaskBatch rebuilt(0, 100);
  for (std::size_t r = 3; r < 7; ++r) rebuilt.push_back(masks.row(r));
  EXPECT_EQ(middle, rebuilt);
}

}  // namespace
}  // namespace spexbench
