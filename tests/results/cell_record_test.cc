#include "results/cell_record.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "results/results_file.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

/// A cell with every part a record holds: estimate and truth, held-out and logged queries,
/// metrics, explainer and task info out of name order, and named components.
CellResult full_cell() {
  CellResult cell = run_cell({.task = "synthetic.soum:n=7,s=5,d=3",
                              .explainer = "exhaustive",
                              .budget = 128,
                              .seed = 11,
                              .holdout = 50,
                              .log_queries = true});
  cell.task_info = {{"zeta", "1"}, {"alpha", "two words"}};
  cell.explainer_info.emplace_back("b_seconds", "0.5");
  cell.explainer_info.emplace_back("a_count", "3");
  cell.component_names = {"not", "good", "very", "bad", "film", "plot", "cast"};
  cell.rank = 2;
  return cell;
}

TEST(CellRecordTest, ACellReadBackFromItsRecordIsTheCellAResultsFileReadsBack) {
  const CellResult cell = full_cell();
  ASSERT_EQ(cell.status, CellStatus::kOk);
  ASSERT_TRUE(cell.estimate && cell.ground_truth);
  ASSERT_GT(cell.query_masks.rows(), 0u);
  const Provenance writer = Provenance::collect("test");
  const std::string bytes = encode_cell(cell, writer);
  const CellResult back = decode_cell(bytes);

  const fs::path file = fs::temp_directory_path() / "spexbench_cell_record_test.h5";
  write_results(file, writer, std::span(&cell, 1));
  const CellResult from_file = read_results(file).cells.at(0);
  fs::remove(file);
  // Every part a record holds is in its bytes: equal bytes, equal cells.
  EXPECT_EQ(encode_cell(back, writer), bytes);
  EXPECT_EQ(encode_cell(from_file, writer), bytes);

  EXPECT_EQ(back.id, cell.id);
  EXPECT_EQ(back.spec.task, cell.spec.task);
  EXPECT_EQ(back.code_version, writer.git_describe);  // empty in the cell: the writer's
  EXPECT_EQ(back.host, writer.host);
  EXPECT_EQ(back.rank, 2);
  EXPECT_EQ(back.counts.total, cell.counts.total);
  EXPECT_EQ(back.wall_seconds, cell.wall_seconds);
  EXPECT_EQ(back.estimate->size(), cell.estimate->size());
  EXPECT_TRUE(std::equal(back.estimate->coefs().begin(), back.estimate->coefs().end(),
                         cell.estimate->coefs().begin()));
  EXPECT_TRUE(std::equal(back.holdout_masks.words().begin(), back.holdout_masks.words().end(),
                         cell.holdout_masks.words().begin(), cell.holdout_masks.words().end()));
  EXPECT_EQ(back.query_values, cell.query_values);
  EXPECT_EQ(back.component_names, cell.component_names);
  ASSERT_EQ(back.task_info.size(), 2u);
  EXPECT_EQ(back.task_info[0].first, "alpha");  // in name order, as a results file keeps them
  ASSERT_EQ(back.metrics.size(), cell.metrics.size());
  EXPECT_EQ(back.metric("r2")->value, cell.metric("r2")->value);
}

TEST(CellRecordTest, AFailedCellWithoutPartsRoundTrips) {
  CellResult cell;
  cell.id = "0123456789abcdef";
  cell.spec.task = "synthetic.soum:n=4";
  cell.status = CellStatus::kBudgetExceeded;
  cell.error = "asked for 300 queries with a budget of 256";
  cell.num_features = 4;
  const Provenance writer = Provenance::collect("test");
  const CellResult back = decode_cell(encode_cell(cell, writer));
  EXPECT_EQ(back.status, CellStatus::kBudgetExceeded);
  EXPECT_EQ(back.error, cell.error);
  EXPECT_FALSE(back.estimate.has_value());
  EXPECT_EQ(back.holdout_masks.rows(), 0u);
  EXPECT_EQ(back.component_names, (std::vector<std::string>{"x0", "x1", "x2", "x3"}));
}

TEST(CellRecordTest, EveryTruncationAndAnyExtraByteAreClearErrors) {
  const std::string bytes = encode_cell(full_cell(), Provenance::collect("test"));
  for (std::size_t size = 0; size < bytes.size(); size += 7)
    EXPECT_THROW((void)decode_cell(std::span(bytes.data(), size)), Error) << size;
  const std::string longer = bytes + "x";
  try {
    (void)decode_cell(longer);
    FAIL() << "an extra byte was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("after the cell's end"), std::string::npos) << e.what();
  }
}

TEST(CellRecordTest, ACountLargerThanTheRecordIsRefusedBeforeAnythingIsAllocated) {
  CellResult cell;
  cell.id = "0123456789abcdef";
  std::string bytes = encode_cell(cell, Provenance::collect("test"));
  // The id's length follows the 4-byte version: claim 2^60 bytes of id.
  const std::uint64_t huge = std::uint64_t{1} << 60;
  bytes.replace(4, 8, reinterpret_cast<const char*>(&huge), 8);
  try {
    (void)decode_cell(bytes);
    FAIL() << "a huge count was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("more than the record holds"), std::string::npos)
        << e.what();
  }
}

TEST(CellRecordTest, AnIndexOutputRoundTrips) {
  CellResult cell;
  cell.id = "0123456789abcdef";
  cell.estimate_index = "fsii";
  cell.estimate_index_order = 3;
  const CellResult back = decode_cell(encode_cell(cell, Provenance::collect("test")));
  EXPECT_EQ(back.estimate_index, "fsii");
  EXPECT_EQ(back.estimate_index_order, 3);
  cell.estimate_index = "no_such_index";
  EXPECT_THROW((void)decode_cell(encode_cell(cell, Provenance::collect("test"))), Error);
}

TEST(CellRecordTest, ARecordOfAnotherVersionIsRefused) {
  CellResult cell;
  std::string bytes = encode_cell(cell, Provenance::collect("test"));
  bytes[0] = 9;
  EXPECT_THROW((void)decode_cell(bytes), Error);
}

}  // namespace
}  // namespace spexbench
