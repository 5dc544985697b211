#include "results/results_file.h"

#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>
#include <tuple>
#include <vector>

#include "core/error.h"
#include "results/hdf5_io.h"
#include "tests/scratch_folder.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class ResultsFileTest : public testing::ScratchFolderTest {};

CellResult sample_cell() {
  return run_cell({.task = "synthetic.soum:n=7,s=5,d=3",
                   .explainer = "exhaustive",
                   .budget = 128,
                   .seed = 11,
                   .holdout = 50,
                   .log_queries = true});
}

TEST_F(ResultsFileTest, RoundTripsEveryFieldOfACell) {
  const CellResult cell = sample_cell();
  ASSERT_EQ(cell.status, CellStatus::kOk);
  const Provenance provenance = Provenance::collect("test");
  write_results(dir_ / "a.h5", provenance, std::span(&cell, 1));
  const ResultsFile file = read_results(dir_ / "a.h5");
  EXPECT_EQ(file.schema_version, kResultsSchemaVersion);
  EXPECT_EQ(file.provenance.command_line, "test");
  EXPECT_EQ(file.provenance.git_describe, provenance.git_describe);
  EXPECT_EQ(file.provenance.dependencies.at("hdf5"), hdf5::library_version());
  ASSERT_EQ(file.cells.size(), 1u);
  const CellResult& back = file.cells[0];
  EXPECT_EQ(back.id, cell.id);
  EXPECT_EQ(back.spec.task, cell.spec.task);
  EXPECT_EQ(back.spec.explainer, cell.spec.explainer);
  EXPECT_EQ(back.spec.seed, cell.spec.seed);
  EXPECT_EQ(back.task_seed, cell.task_seed);
  EXPECT_EQ(back.explainer_seed, cell.explainer_seed);
  EXPECT_EQ(back.status, cell.status);
  EXPECT_EQ(back.counts.total, cell.counts.total);
  EXPECT_EQ(back.counts.unique, cell.counts.unique);
  EXPECT_EQ(back.algorithm_seconds, cell.algorithm_seconds);
  EXPECT_EQ(*back.estimate, *cell.estimate);
  EXPECT_EQ(*back.ground_truth, *cell.ground_truth);
  EXPECT_EQ(back.ground_truth_kind, TruthKind::kExact);
  EXPECT_EQ(back.holdout_masks, cell.holdout_masks);
  EXPECT_EQ(back.holdout_values, cell.holdout_values);
  EXPECT_EQ(back.query_masks, cell.query_masks);
  EXPECT_EQ(back.query_values, cell.query_values);
  ASSERT_EQ(back.metrics.size(), cell.metrics.size());
  for (const auto& m : cell.metrics) EXPECT_EQ(back.metric(m.name)->value, m.value) << m.name;
  // Metrics are recomputable from the stored data alone.
  CellResult recomputed = back;
  compute_metrics(recomputed, {});
  for (const auto& m : cell.metrics) EXPECT_EQ(recomputed.metric(m.name)->value, m.value);
}

TEST_F(ResultsFileTest, RefreshRecomputesOnlyMissingAndStaleMetrics) {
  CellResult cell = sample_cell();
  const std::size_t all = cell.metrics.size();
  EXPECT_EQ(refresh_metrics(cell, {}, false), 0);  // everything cached and current
  cell.metrics.front().version = 0;                // stale
  const double kept = cell.metrics.back().value;
  cell.metrics.pop_back();  // missing
  EXPECT_EQ(refresh_metrics(cell, {}, false), 2);
  EXPECT_EQ(cell.metrics.size(), all);
  EXPECT_EQ(cell.metrics.back().value, kept);
  EXPECT_EQ(refresh_metrics(cell, {}, true), static_cast<int>(all));
}

TEST_F(ResultsFileTest, AnIntendedTruthKeepsItsKindAndItsMetricsStayRankingOnly) {
  CellResult cell = sample_cell();
  cell.ground_truth_kind = TruthKind::kIntended;
  compute_metrics(cell, {});
  write_results(dir_ / "a.h5", Provenance::collect("test"), std::span(&cell, 1));
  CellResult back = read_results(dir_ / "a.h5").cells.at(0);
  EXPECT_EQ(back.ground_truth_kind, TruthKind::kIntended);
  compute_metrics(back, {});
  EXPECT_EQ(back.metric("support_f1"), nullptr);
  EXPECT_NE(back.metric("recall_at_10"), nullptr);
}

TEST_F(ResultsFileTest, AddingCellsKeepsTheOthersAndEachCellItsCodeVersion) {
  Provenance first = Provenance::collect("first"), second = Provenance::collect("second");
  first.git_describe = "v1-abc";
  second.git_describe = "v2-def";
  const CellResult old_cell = sample_cell();
  add_to_results(dir_ / "grow.h5", first, std::span(&old_cell, 1));
  CellResult new_cell = run_cell({.task = "synthetic.soum:n=6,s=3,d=2",
                                  .explainer = "exhaustive",
                                  .budget = 64,
                                  .holdout = 50});
  add_to_results(dir_ / "grow.h5", second, std::span(&new_cell, 1));
  add_to_results(dir_ / "grow.h5", second, std::span(&new_cell, 1));  // replaces itself
  const ResultsFile file = read_results(dir_ / "grow.h5");
  ASSERT_EQ(file.cells.size(), 2u);
  EXPECT_EQ(file.provenance.git_describe, "v2-def");  // the last writer's
  for (const CellResult& cell : file.cells)
    EXPECT_EQ(cell.code_version, cell.id == old_cell.id ? "v1-abc" : "v2-def") << cell.id;
}

TEST_F(ResultsFileTest, CellsAddedAtTheSameTimeAreAllKept) {
  // Eight writers add one cell each to the same file at once; each reads the file, merges and
  // writes it back, so without taking turns most cells would be lost.
  std::vector<CellResult> cells;
  for (int n = 5; n < 13; ++n)
    cells.push_back(run_cell({.task = "synthetic.soum:n=" + std::to_string(n) + ",s=3,d=2",
                              .explainer = "exhaustive",
                              .budget = 4096,
                              .holdout = 20}));
  std::vector<std::thread> writers;
  for (const CellResult& cell : cells)
    writers.emplace_back([&, cell] {
      add_to_results(dir_ / "shared.h5", Provenance::collect("t"), std::span(&cell, 1));
    });
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(read_results(dir_ / "shared.h5").cells.size(), cells.size());
  for (const auto& entry : fs::directory_iterator(dir_))  // no lock file or temporary left
    EXPECT_EQ(entry.path().filename(), "shared.h5");
}

TEST_F(ResultsFileTest, FailedCellsAreStoredWithTheirReason) {
  CellResult cell = run_cell({.task = "synthetic.sparse_fourier:n=8,s=3,d=2",
                              .explainer = "exhaustive",
                              .budget = 10,
                              .seed = 1});
  ASSERT_EQ(cell.status, CellStatus::kInfeasible);
  write_results(dir_ / "f.h5", Provenance::collect("test"), std::span(&cell, 1));
  const ResultsFile file = read_results(dir_ / "f.h5");
  EXPECT_EQ(file.cells[0].status, CellStatus::kInfeasible);
  EXPECT_EQ(file.cells[0].error, cell.error);
  EXPECT_FALSE(file.cells[0].estimate.has_value());
}

TEST_F(ResultsFileTest, MissingFolderIsAnErrorAndLeavesNothing) {
  const CellResult cell = sample_cell();
  EXPECT_THROW(
      write_results(dir_ / "missing" / "a.h5", Provenance::collect("t"), std::span(&cell, 1)),
      Error);
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(ResultsFileTest, AFailedWriteKeepsTheOldFileAndNoTemporary) {
  const CellResult cell = sample_cell();
  write_results(dir_ / "keep.h5", Provenance::collect("first"), std::span(&cell, 1));
  CellResult bad = cell;
  bad.metrics.push_back(bad.metrics.front());  // duplicate dataset name: the write fails midway
  EXPECT_THROW(write_results(dir_ / "keep.h5", Provenance::collect("second"), std::span(&bad, 1)),
               Error);
  EXPECT_EQ(read_results(dir_ / "keep.h5").provenance.command_line, "first");
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename(), "keep.h5") << "left behind: " << entry.path();
}

TEST_F(ResultsFileTest, CorruptTruncatedAndForeignFilesAreClearErrors) {
  const CellResult cell = sample_cell();
  write_results(dir_ / "good.h5", Provenance::collect("t"), std::span(&cell, 1));
  const auto size = fs::file_size(dir_ / "good.h5");
  fs::copy_file(dir_ / "good.h5", dir_ / "truncated.h5");
  fs::resize_file(dir_ / "truncated.h5", size / 2);
  std::ofstream(dir_ / "text.h5") << "not hdf5";
  for (const char* name : {"truncated.h5", "text.h5", "absent.h5"}) {
    try {
      (void)read_results(dir_ / name);
      ADD_FAILURE() << name << " was read";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
}

TEST_F(ResultsFileTest, CellsAreOneTableWhoseRowsAreInIdOrderWhateverOrderTheyCameIn) {
  CellResult first = sample_cell();
  first.id = "abc0000000000001";
  CellResult second = first;
  second.id = "abc0000000000002";
  CellResult other = first;
  other.id = "fed0000000000003";
  const std::vector<CellResult> cells = {other, second, first};
  write_results(dir_ / "b.h5", Provenance::collect("t"), cells);
  const hid_t f = H5Fopen((dir_ / "b.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  EXPECT_EQ(H5Lexists(f, "/cells/abc", H5P_DEFAULT), 0);  // no group per cell or bucket
  const hid_t ids = H5Dopen2(f, "/cells/id", H5P_DEFAULT);
  ASSERT_GE(ids, 0);
  const hid_t space = H5Dget_space(ids);
  EXPECT_EQ(H5Sget_simple_extent_npoints(space), 3);
  H5Sclose(space);
  H5Dclose(ids);
  H5Fclose(f);
  const ResultsFile back = read_results(dir_ / "b.h5");
  ASSERT_EQ(back.cells.size(), 3u);
  EXPECT_EQ(back.cells[0].id, first.id);
  EXPECT_EQ(back.cells[1].id, second.id);
  EXPECT_EQ(back.cells[2].id, other.id);
}

TEST_F(ResultsFileTest, ThousandsOfCellsReadBackEachWithItsOwnPartsAcrossReadBlocks) {
  // More cells than the reader's block (4,096): every part of every cell must come back with its
  // own cell, whatever block it falls in.
  const CellResult base = sample_cell();
  std::vector<CellResult> cells;
  const int count = 9000;
  for (int i = 0; i < count; ++i) {
    CellResult cell = base;
    cell.id = str_cat("c", 100000 + i);
    cell.wall_seconds = i;
    cell.holdout_values[0] = i;
    cell.estimate->coefs()[0] = i;
    cell.explainer_info = {{"index", std::to_string(i)}};
    cell.metrics.push_back({"zz_index", static_cast<double>(i), 1});
    if (i % 3 == 0) cell.estimate.reset();
    if (i % 5 == 0) cell.spec.log_queries = false;
    cells.push_back(std::move(cell));
  }
  write_results(dir_ / "many.h5", Provenance::collect("t"), cells);
  const ResultsFile back = read_results(dir_ / "many.h5");
  ASSERT_EQ(back.cells.size(), cells.size());
  for (int i = 0; i < count; ++i) {
    const CellResult& cell = back.cells[i];
    ASSERT_EQ(cell.id, cells[i].id);
    EXPECT_EQ(cell.wall_seconds, i);
    EXPECT_EQ(cell.holdout_values, cells[i].holdout_values);
    EXPECT_EQ(cell.holdout_masks, cells[i].holdout_masks);
    EXPECT_EQ(cell.estimate.has_value(), i % 3 != 0);
    if (cell.estimate) {
      EXPECT_EQ(*cell.estimate, *cells[i].estimate);
    }
    EXPECT_EQ(*cell.ground_truth, *cells[i].ground_truth);
    EXPECT_EQ(cell.query_masks.rows(), i % 5 == 0 ? 0u : cells[i].query_masks.rows());
    ASSERT_EQ(cell.explainer_info.size(), 1u);
    EXPECT_EQ(cell.explainer_info[0].second, std::to_string(i));
    ASSERT_NE(cell.metric("zz_index"), nullptr);
    EXPECT_EQ(cell.metric("zz_index")->value, i);
    EXPECT_EQ(cell.metrics.size(), cells[i].metrics.size());
  }
}

TEST_F(ResultsFileTest, TwoCellsWithOneIdAreAnErrorAndTheFileIsLeftAsItWas) {
  const CellResult cell = sample_cell();
  write_results(dir_ / "twice.h5", Provenance::collect("t"), std::span(&cell, 1));
  const std::vector<CellResult> cells = {cell, cell};
  try {
    write_results(dir_ / "twice.h5", Provenance::collect("t"), cells);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("two cells with id '" + cell.id + "'"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(read_results(dir_ / "twice.h5").cells.size(), 1u);
}

/// A copy of the corpus file `name` (tests/fuzz/corpus/results_file) at `to`, and its cell's id.
std::string copy_of_corpus_file(const std::string& name, const fs::path& to) {
  fs::copy_file(fs::path(SPEXBENCH_SOURCE_DIR) / "tests/fuzz/corpus/results_file" / name, to);
  fs::permissions(to, fs::perms::owner_write, fs::perm_options::add);
  return read_results(to).cells.at(0).id;
}

TEST_F(ResultsFileTest, ACellInAnotherIdsBucketOfASchema4FileIsAClearError) {
  const std::string id = copy_of_corpus_file("cell_schema4_buckets.h5", dir_ / "moved.h5");
  const std::string bucket = id.substr(0, 3);
  const hid_t f = H5Fopen((dir_ / "moved.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  const std::string wrong = bucket == "zzz" ? "yyy" : "zzz";
  const hid_t group =
      H5Gcreate2(f, ("/cells/" + wrong).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(group, 0);
  H5Gclose(group);
  ASSERT_GE(H5Lmove(f, ("/cells/" + bucket + "/" + id).c_str(), f,
                    ("/cells/" + wrong + "/" + id).c_str(), H5P_DEFAULT, H5P_DEFAULT),
            0);
  H5Fclose(f);
  try {
    (void)read_results(dir_ / "moved.h5");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(
        std::string(e.what()).find(str_cat("cell '", id, "' belongs in bucket '", bucket, "'")),
        std::string::npos)
        << e.what();
  }
}

TEST_F(ResultsFileTest, FilesOfEarlierSchemasWithAGroupPerCellStillRead) {
  const fs::path corpus = fs::path(SPEXBENCH_SOURCE_DIR) / "tests/fuzz/corpus/results_file";
  for (const auto& [name, schema] :
       std::vector<std::pair<std::string, int>>{{"cell_schema1.h5", 1},
                                                {"cell_schema2.h5", 2},
                                                {"cell_schema3_names.h5", 3},
                                                {"cell_schema4_buckets.h5", 4},
                                                {"cell_schema5_table.h5", 5}}) {
    const ResultsFile file = read_results(corpus / name);
    EXPECT_EQ(file.schema_version, schema) << name;
    ASSERT_EQ(file.cells.size(), 1u) << name;
    EXPECT_EQ(file.cells[0].id.size(), 16u) << name;
    EXPECT_EQ(file.cells[0].status, CellStatus::kOk) << name;
    EXPECT_EQ(file.cells[0].estimate_index, "") << name;  // before index outputs: a surrogate
  }
}

TEST_F(ResultsFileTest, AnIndexOutputKeepsItsIndexAndOrder) {
  CellResult cell = sample_cell();
  cell.estimate_index = "ksii";
  cell.estimate_index_order = 2;
  write_results(dir_ / "index.h5", Provenance::collect("t"), std::span(&cell, 1));
  const ResultsFile file = read_results(dir_ / "index.h5");
  EXPECT_EQ(file.schema_version, 6);
  EXPECT_EQ(file.cells.at(0).estimate_index, "ksii");
  EXPECT_EQ(file.cells.at(0).estimate_index_order, 2);
}

TEST_F(ResultsFileTest, EvaluationQueriesRoundTripAndOldFilesKeptThemInTheExplainerInfo) {
  CellResult cell = sample_cell();
  cell.evaluation_queries = 6;
  write_results(dir_ / "new.h5", Provenance::collect("t"), std::span(&cell, 1));
  EXPECT_EQ(read_results(dir_ / "new.h5").cells.at(0).evaluation_queries, 6);

  // A file written before the attribute: the count was an explainer_info entry.
  const std::string id = copy_of_corpus_file("cell_schema4_buckets.h5", dir_ / "old.h5");
  const std::string group = "/cells/" + id.substr(0, 3) + "/" + id;
  {
    const hid_t file = H5Fopen((dir_ / "old.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    ASSERT_GE(H5Adelete_by_name(file, group.c_str(), "evaluation_queries", H5P_DEFAULT), 0);
    const hid_t info = H5Gopen2(file, (group + "/explainer_info").c_str(), H5P_DEFAULT);
    ASSERT_GE(info, 0);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, 1);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attribute =
        H5Acreate2(info, "removal_queries", type, space, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(attribute, 0);
    ASSERT_GE(H5Awrite(attribute, type, "6"), 0);
    H5Aclose(attribute);
    H5Sclose(space);
    H5Tclose(type);
    H5Gclose(info);
    H5Fclose(file);
  }
  const CellResult back = read_results(dir_ / "old.h5").cells.at(0);
  EXPECT_EQ(back.evaluation_queries, 6);
  for (const auto& [name, value] : back.explainer_info) EXPECT_NE(name, "removal_queries");
}

TEST_F(ResultsFileTest, EachCellKeepsWhereItRanAndTheFileTheMpiJobThatWroteIt) {
  CellResult plain = sample_cell(), ranked = sample_cell();
  ranked.id = "ran-on-rank-2";
  ranked.host = "node17";
  ranked.rank = 2;
  Provenance provenance = Provenance::collect("t");
  EXPECT_EQ(provenance.mpi, "none");
  EXPECT_EQ(provenance.world_size, 1);
  provenance.mpi = "Open MPI v4.1.4";
  provenance.world_size = 3;
  const std::vector<CellResult> cells = {plain, ranked};
  write_results(dir_ / "ranks.h5", provenance, cells);
  const ResultsFile file = read_results(dir_ / "ranks.h5");
  EXPECT_EQ(file.provenance.mpi, "Open MPI v4.1.4");
  EXPECT_EQ(file.provenance.world_size, 3);
  for (const CellResult& cell : file.cells) {
    const bool on_rank = cell.id == ranked.id;
    EXPECT_EQ(cell.host, on_rank ? "node17" : provenance.host);  // a plain cell: the writer's
    EXPECT_EQ(cell.rank, on_rank ? 2 : 0);
  }
}

TEST_F(ResultsFileTest, TaskInfoAndComponentNamesRoundTripAndDefaultWhereNoneWereStored) {
  CellResult cell = sample_cell();
  EXPECT_TRUE(cell.task_info.empty());  // synthetic tasks report nothing: no group is written
  write_results(dir_ / "plain.h5", Provenance::collect("t"), std::span(&cell, 1));
  EXPECT_TRUE(read_results(dir_ / "plain.h5").cells.at(0).task_info.empty());
  EXPECT_EQ(read_results(dir_ / "plain.h5").cells.at(0).component_names,
            generated_component_names(cell.num_features));
  cell.task_info = {{"holdout_accuracy", "0.93"}, {"dataset", "wine"}};
  cell.component_names = {"not", "good", "mean radius", "L0.H1", "od280/od315", "é", "x6"};
  ASSERT_EQ(static_cast<int>(cell.component_names.size()), cell.num_features);
  write_results(dir_ / "info.h5", Provenance::collect("t"), std::span(&cell, 1));
  auto back = read_results(dir_ / "info.h5").cells.at(0).task_info;
  std::sort(back.begin(), back.end());
  std::sort(cell.task_info.begin(), cell.task_info.end());
  EXPECT_EQ(back, cell.task_info);
  EXPECT_EQ(read_results(dir_ / "info.h5").cells.at(0).component_names, cell.component_names);
}

TEST_F(ResultsFileTest, NewerSchemaIsRefusedWithAClearMessage) {
  {
    const hdf5::Group root = hdf5::create_file((dir_ / "future.h5").string());
    root.set_attribute("format", std::string("spexbench.results"));
    root.set_attribute("schema_version", std::int64_t{kResultsSchemaVersion + 1});
  }
  try {
    (void)read_results(dir_ / "future.h5");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(str_cat("schema version ", kResultsSchemaVersion + 1)),
              std::string::npos)
        << e.what();
  }
}

// evaluate rewrites a file through update_results: a run adding a cell meanwhile must wait for it,
// not have its cell overwritten by the older contents evaluate read.
TEST_F(ResultsFileTest, AnUpdateHoldsTheFileSoACellAddedMeanwhileIsKept) {
  const CellResult first = sample_cell();
  CellResult second = first;
  second.id = "added-meanwhile";
  write_results(dir_ / "shared.h5", Provenance::collect("t"), std::span(&first, 1));
  std::atomic<bool> reading = false;
  std::thread evaluate([&] {
    update_results(dir_ / "shared.h5", [&](ResultsFile& file) {
      reading = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the adder tries meanwhile
      file.cells[0].metrics.push_back({"extra", 1.0, 1});
      return true;
    });
  });
  while (!reading) std::this_thread::yield();
  (void)add_to_results(dir_ / "shared.h5", Provenance::collect("t"), std::span(&second, 1));
  evaluate.join();
  const ResultsFile file = read_results(dir_ / "shared.h5");
  ASSERT_EQ(file.cells.size(), 2u);
  const auto updated = std::find_if(file.cells.begin(), file.cells.end(),
                                    [&](const CellResult& c) { return c.id == first.id; });
  ASSERT_NE(updated, file.cells.end());
  EXPECT_NE(updated->metric("extra"), nullptr);
}

TEST_F(ResultsFileTest, FilesMovedInAddTheirCellsAndGoAndOnesGoneMeanwhileAreSkipped) {
  // A suite merging another suite's shard that that suite merged, and someone then deleted, must
  // not bring the cell back: the shard is gone by then.
  CellResult mine = sample_cell(), theirs = sample_cell();
  mine.id = "my-cell";
  theirs.id = "another-suites-cell";
  write_results(dir_ / "theirs.h5", Provenance::collect("t"), std::span(&theirs, 1));
  const std::vector<fs::path> move_in = {dir_ / "theirs.h5", dir_ / "merged-meanwhile.h5"};
  EXPECT_EQ(add_to_results(dir_ / "out.h5", Provenance::collect("t"), std::span(&mine, 1), move_in),
            2u);
  EXPECT_FALSE(fs::exists(dir_ / "theirs.h5"));
  std::vector<std::string> ids;
  for (const CellResult& cell : read_results(dir_ / "out.h5").cells) ids.push_back(cell.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"another-suites-cell", "my-cell"}));
}

TEST_F(ResultsFileTest, WritingThroughASymlinkReplacesItsTargetAndKeepsTheLink) {
  const CellResult cell = sample_cell();
  fs::create_directories(dir_ / "store");
  fs::create_symlink("store/target.h5", dir_ / "link.h5");
  EXPECT_EQ(add_to_results(dir_ / "link.h5", Provenance::collect("t"), std::span(&cell, 1)), 1u);
  EXPECT_TRUE(fs::is_symlink(dir_ / "link.h5"));
  EXPECT_EQ(read_results(dir_ / "store" / "target.h5").cells.size(), 1u);
}

// A write the system refuses (here a file size limit, as a full disk would) must leave the old
// file as it was: once, the half-written temporary replaced it.
TEST_F(ResultsFileTest, ARefusedWriteLeavesTheOldFileWholeAndNoTemporary) {
  const CellResult cell = sample_cell();
  write_results(dir_ / "kept.h5", Provenance::collect("t"), std::span(&cell, 1));
  const auto good_size = fs::file_size(dir_ / "kept.h5");
  std::vector<CellResult> many(40, cell);
  for (std::size_t i = 0; i < many.size(); ++i) many[i].id = std::to_string(1000 + i);
  rlimit before{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &before), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of a killed process
  rlimit small = before;
  small.rlim_cur = good_size + 4096;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    write_results(dir_ / "kept.h5", Provenance::collect("t"), many);
  } catch (const Error& e) {
    message = e.what();
  }
  setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(message.empty()) << "the refused write went unnoticed";
  EXPECT_EQ(read_results(dir_ / "kept.h5").cells.size(), 1u);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename(), "kept.h5") << "left behind: " << entry.path();
}

TEST_F(ResultsFileTest, ASchemaVersionPastInt32IsRefusedNotTruncated) {
  {
    const hdf5::Group root = hdf5::create_file((dir_ / "wrapped.h5").string());
    root.set_attribute("format", std::string("spexbench.results"));
    root.set_attribute("schema_version",
                       std::int64_t{(std::int64_t{1} << 32) + 1});  // 1 once narrowed
  }
  try {
    (void)read_results(dir_ / "wrapped.h5");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 4294967297"), std::string::npos)
        << e.what();
  }
}

/// Replaces the dataset at `path` in `file` by one of `values`.
void replace_dataset(const fs::path& file, const std::string& path,
                     const std::vector<double>& values) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  ASSERT_GE(H5Ldelete(f, path.c_str(), H5P_DEFAULT), 0);
  const hsize_t dims[1] = {values.size()};
  const hid_t space = H5Screate_simple(1, dims, nullptr);
  const hid_t set =
      H5Dcreate2(f, path.c_str(), H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(set, 0);
  H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
  H5Dclose(set);
  H5Sclose(space);
  H5Fclose(f);
}

TEST_F(ResultsFileTest, AColumnOfTheWrongLengthOrOffsetsPastTheirDataAreClearErrors) {
  const CellResult cell = sample_cell();
  for (const auto& [column, values, message] :
       std::vector<std::tuple<std::string, std::vector<double>, std::string>>{
           {"/cells/wall_seconds", std::vector<double>(1000, 0.5),
            "column 'wall_seconds' does not have 1 rows"},
           {"/cells/holdout/cell_rows", {0, 51}, "offsets 'cell_rows' do not split 50 entries"},
           {"/cells/metrics/cell_entries", {3, 1}, "offsets 'cell_entries' do not split"}}) {
    write_results(dir_ / "bad.h5", Provenance::collect("t"), std::span(&cell, 1));
    replace_dataset(dir_ / "bad.h5", column, values);
    try {
      (void)read_results(dir_ / "bad.h5");
      ADD_FAILURE() << column;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace spexbench
