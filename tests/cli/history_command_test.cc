// `spexbench history` in-process: versions in date order, a planted regression, trend charts, and
// the bad input it refuses.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli/commands.h"
#include "results/results_file.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class HistoryCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / "spexbench_history_command_test";
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "versions");
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// A version of a two-group suite: explainer "a" scores `r2` on each of 3 instances.
  void write_version(const std::string& name, const std::string& date, double r2,
                     const std::string& other = "b", bool ok = true) {
    std::vector<CellResult> cells;
    for (const std::string& explainer : {std::string("a"), other})
      for (int instance = 0; instance < 3; ++instance) {
        CellResult cell;
        cell.spec = {.task = "synthetic.soum:n=8", .explainer = explainer, .budget = 64};
        cell.spec.instance = instance;
        cell.id = explainer + std::to_string(instance);
        cell.status = ok ? CellStatus::kOk : CellStatus::kError;
        cell.counts.total = 64;
        cell.algorithm_seconds = 0.01;
        if (ok) cell.metrics.push_back({"r2", explainer == "a" ? r2 + 0.01 * instance : 0.5, 1});
        cells.push_back(cell);
      }
    Provenance provenance = Provenance::collect("test");
    provenance.started_utc = date;
    write_results(dir_ / "versions" / name, provenance, cells);
  }

  int history(std::vector<std::string> args) {
    out_.str("");
    err_.str("");
    return cli::history_command(args, out_, err_);
  }

  fs::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(HistoryCommandTest, OrdersByDateFlagsTheNewestRegressionAndDrawsIt) {
  // Named against their dates, so that name order is not date order.
  write_version("c.h5", "2026-12-01T00:00:00Z", 0.9);
  write_version("b.h5", "2026-12-02T00:00:00Z", 0.9);
  write_version("a.h5", "2026-12-03T00:00:00Z", 0.8);
  const std::string folder = (dir_ / "versions").string();
  ASSERT_EQ(history({folder, "--figures", (dir_ / "charts").string()}), 1) << err_.str();
  const std::string table = out_.str();
  EXPECT_NE(table.find("v1  "), std::string::npos);
  EXPECT_LT(table.find("c.h5"), table.find("a.h5")) << table;
  EXPECT_NE(table.find("synthetic.soum:n=8 | a | 64 | r2: 0.91 -> 0.91 -> 0.81"), std::string::npos)
      << table;
  EXPECT_NE(table.find("step at v3: 0.91 -> 0.81 (p 0) worse, REGRESSION in the newest version"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("moved, 1 regressed"), std::string::npos) << table;
  EXPECT_TRUE(fs::exists(dir_ / "charts" / "suite" / "synthetic.soum_n_8___a___64__r2.svg"));
  // Only the unchanged series: nothing moved, exit 0.
  EXPECT_EQ(history({folder, "--metric", "queries"}), 0) << err_.str();
  EXPECT_NE(out_.str().find("0 moved, 0 regressed"), std::string::npos) << out_.str();
}

TEST_F(HistoryCommandTest, RefusesOtherSuitesEmptyFilesAndUnknownSeries) {
  write_version("one.h5", "2026-12-01T00:00:00Z", 0.9);
  write_version("other.h5", "2026-12-02T00:00:00Z", 0.9, "c");
  write_version("failed.h5", "2026-12-03T00:00:00Z", 0.9, "b", false);
  const auto file = [&](const char* name) { return (dir_ / "versions" / name).string(); };
  EXPECT_EQ(history({file("one.h5"), file("other.h5")}), 2);
  EXPECT_NE(err_.str().find("is not a run of the same suite"), std::string::npos) << err_.str();
  EXPECT_NE(err_.str().find("it lacks 'synthetic.soum:n=8 | b | 64'"), std::string::npos)
      << err_.str();
  EXPECT_EQ(history({file("one.h5"), file("failed.h5")}), 2);
  EXPECT_NE(err_.str().find("has no cell that succeeded"), std::string::npos) << err_.str();
  EXPECT_EQ(history({file("one.h5"), file("one.h5"), "--metric", "support_f1"}), 2);
  EXPECT_NE(err_.str().find("no cell has 'support_f1'; the series are:"), std::string::npos)
      << err_.str();
  EXPECT_EQ(history({file("one.h5")}), 2);
  EXPECT_NE(err_.str().find("at least two versions"), std::string::npos) << err_.str();
  EXPECT_EQ(history({file("missing.h5"), file("one.h5")}), 2);
  EXPECT_NE(err_.str().find("does not exist"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace spexbench
