#include "core/query_cache.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/cell.h"
#include "core/rng.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class QueryCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("spexbench_qcache_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(QueryCacheTest, ARerunIsAnsweredFromDiskWithIdenticalResultsAndCounts) {
  const CellSpec spec{.task = "data.subsets:n=10",
                      .explainer = "spex",
                      .budget = 5000,
                      .seed = 2,
                      .holdout = 100,
                      .cache = dir_.string()};
  const CellResult first = run_cell(spec);
  const CellResult second = run_cell(spec);
  ASSERT_EQ(first.status, CellStatus::kOk) << first.error;
  EXPECT_EQ(first.counts.cache_hits,
            first.counts.total - first.counts.unique);       // repeats within the run
  EXPECT_EQ(second.counts.cache_hits, second.counts.total);  // everything from disk
  EXPECT_EQ(second.counts.total, first.counts.total);        // the budget is charged all the same
  EXPECT_EQ(*second.estimate, *first.estimate);
  // Another explainer on the same instance reuses what it can.
  CellSpec other = spec;
  other.explainer = "exhaustive";
  other.budget = 1024;
  const CellResult exhaustive = run_cell(other);
  EXPECT_GT(exhaustive.counts.cache_hits, 0);
  EXPECT_LT(exhaustive.counts.cache_hits, 1024);
}

TEST_F(QueryCacheTest, ARecordCutShortByACrashIsIgnored) {
  MaskBatch masks = enumerate_masks(5, 3, 4);
  {
    QueryCache cache(dir_, "t", 1, 5);
    cache.add(masks, std::vector<double>{1, 2, 3, 4});
  }
  const fs::path file = QueryCache(dir_, "t", 1, 5).path();
  std::ofstream(file, std::ios::app | std::ios::binary) << "half";  // a torn append
  const QueryCache reopened(dir_, "t", 1, 5);
  EXPECT_EQ(reopened.size(), 4u);
  EXPECT_EQ(reopened.find(masks.row(2)), 3.0);
  EXPECT_FALSE(QueryCache(dir_, "t", 2, 5).find(masks.row(0)).has_value());  // another instance
}

}  // namespace
}  // namespace spexbench
