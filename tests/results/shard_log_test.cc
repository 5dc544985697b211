#include "results/shard_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <thread>

#include "core/error.h"
#include "tests/scratch_folder.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class ShardLogTest : public testing::ScratchFolderTest {};

std::vector<CellResult> some_cells(int count) {
  std::vector<CellResult> cells;
  for (int i = 0; i < count; ++i)
    cells.push_back(run_cell({.task = "synthetic.soum:n=6,s=3,d=2",
                              .explainer = "exhaustive",
                              .budget = 64,
                              .seed = static_cast<std::uint64_t>(i),
                              .holdout = 8}));
  return cells;
}

/// Writes `cells` to a log at `path` and returns the file's size after each record.
std::vector<std::uintmax_t> write_log(const fs::path& path, const std::vector<CellResult>& cells) {
  ShardLogWriter writer(path, Provenance::collect("test"));
  std::vector<std::uintmax_t> ends;
  for (const CellResult& cell : cells) {
    writer.append(cell);
    ends.push_back(fs::file_size(path));
  }
  return ends;
}

TEST_F(ShardLogTest, CellsAppendedFromSeveralThreadsReadBackWhole) {
  const std::vector<CellResult> cells = some_cells(24);
  const fs::path path = dir_ / "a.shard";
  {
    ShardLogWriter writer(path, Provenance::collect("test"));
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < cells.size(); i += 4) writer.append(cells[i]);
      });
    for (std::thread& thread : threads) thread.join();
  }
  const ShardLogContents contents = read_shard_log(path);
  EXPECT_EQ(contents.unread_bytes, 0u);
  ASSERT_EQ(contents.cells.size(), cells.size());
  std::set<std::string> ids;
  for (const CellResult& cell : contents.cells) {
    ids.insert(cell.id);
    EXPECT_EQ(cell.holdout_values.size(), 8u);
  }
  EXPECT_EQ(ids.size(), cells.size());
}

TEST_F(ShardLogTest, ALogOfVersionOneRecordsStillReads) {
  // Written before index outputs (results schema 5): its cells' estimates are surrogates.
  const ShardLogContents contents = read_shard_log(fs::path(SPEXBENCH_SOURCE_DIR) /
                                                   "tests/fuzz/corpus/shard_log/three_cells.shard");
  EXPECT_EQ(contents.unread_bytes, 0u) << contents.unread_reason;
  ASSERT_EQ(contents.cells.size(), 3u);
  for (const CellResult& cell : contents.cells) {
    EXPECT_EQ(cell.estimate_index, "");
    EXPECT_EQ(cell.estimate_index_order, 0);
  }
}

TEST_F(ShardLogTest, ALogCutAtAnyByteKeepsEveryWholeRecordBeforeTheCut) {
  const std::vector<CellResult> cells = some_cells(3);
  const fs::path path = dir_ / "a.shard";
  const std::vector<std::uintmax_t> ends = write_log(path, cells);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  for (std::size_t size = 24; size < bytes.size(); size += 5) {
    std::ofstream(dir_ / "cut.shard", std::ios::binary).write(bytes.data(), size);
    const ShardLogContents contents = read_shard_log(dir_ / "cut.shard");
    const auto whole =
        static_cast<std::size_t>(std::upper_bound(ends.begin(), ends.end(), size) - ends.begin());
    ASSERT_EQ(contents.cells.size(), whole) << size;
    for (std::size_t i = 0; i < whole; ++i) EXPECT_EQ(contents.cells[i].id, cells[i].id);
    EXPECT_EQ(contents.unread_bytes, size - (whole == 0 ? 24 : ends[whole - 1])) << size;
    if (contents.unread_bytes > 0) {
      EXPECT_EQ(contents.unread_reason, "a record cut short");
    }
  }
}

TEST_F(ShardLogTest, ADamagedByteEndsTheReadingAtItsRecordAndSaysSo) {
  const std::vector<CellResult> cells = some_cells(3);
  const fs::path path = dir_ / "a.shard";
  const std::vector<std::uintmax_t> ends = write_log(path, cells);
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  // A byte in the second record's length, then one in its payload.
  for (const std::uintmax_t at : {ends[0] + 3, ends[0] + 40}) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x10);
    std::ofstream(dir_ / "damaged.shard", std::ios::binary).write(damaged.data(), damaged.size());
    const ShardLogContents contents = read_shard_log(dir_ / "damaged.shard");
    ASSERT_EQ(contents.cells.size(), 1u) << at;
    EXPECT_EQ(contents.unread_bytes, bytes.size() - ends[0]);
    EXPECT_NE(contents.unread_reason.find("damaged"), std::string::npos) << contents.unread_reason;
  }
}

TEST_F(ShardLogTest, AFileThatIsNotAShardLogIsAnErrorNamingIt) {
  std::ofstream(dir_ / "x.shard") << "something else entirely";
  try {
    (void)read_shard_log(dir_ / "x.shard");
    FAIL() << "read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("x.shard' is not a spexbench shard log"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ShardLogTest, ALogIsInUseWhileItsWriterHoldsItAndNotAfter) {
  const fs::path path = dir_ / "a.shard";
  ShardLogWriter writer(path, Provenance::collect("test"));
  EXPECT_TRUE(shard_log_in_use(path));
  writer.close();
  EXPECT_FALSE(shard_log_in_use(path));
  EXPECT_THROW(writer.append(some_cells(1)[0]), Error);
  EXPECT_THROW(ShardLogWriter(path, Provenance::collect("test")), Error);  // exists already
}

}  // namespace
}  // namespace spexbench
