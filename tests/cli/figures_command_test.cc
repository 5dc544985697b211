// `spexbench figures` checks its input itself before handing it to the figure script.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "results/results_file.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

TEST(FiguresCommand, AFileThatIsNotResultsIsNamedWithoutRunningTheScript) {
  const fs::path file = fs::temp_directory_path() / "spexbench_figures_not_results.h5";
  std::ofstream(file) << "not an HDF5 file\n";
  std::ostringstream out, err;
  EXPECT_EQ(cli::figures_command({file.string(), "--out", (file.string() + ".figures")}, out, err),
            2);
  EXPECT_NE(err.str().find("is not an HDF5 file"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find(file.string()), std::string::npos) << err.str();
  EXPECT_FALSE(fs::exists(file.string() + ".figures"));
  fs::remove(file);
}

TEST(FiguresCommand, AMetricNoCellHasOrAFileWithoutOkCellsIsNamed) {
  const fs::path dir = fs::temp_directory_path() / "spexbench_figures_metric_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  CellResult ok;
  ok.spec = {.task = "synthetic.soum:n=8", .explainer = "lasso", .budget = 64};
  ok.metrics = {{"r2", 0.9, 1}, {"support_f1", 0.5, 1}};
  CellResult failed = ok;
  failed.status = CellStatus::kError;
  failed.error = "a reason";
  failed.metrics.clear();
  write_results(dir / "ok.h5", Provenance::collect("test"), std::span(&ok, 1));
  write_results(dir / "failed.h5", Provenance::collect("test"), std::span(&failed, 1));
  std::ostringstream out, err;
  EXPECT_EQ(cli::figures_command(
                {(dir / "ok.h5").string(), "--metric", "nmse", "--out", (dir / "figures").string()},
                out, err),
            2);
  EXPECT_NE(err.str().find("has the metric 'nmse'; they have: r2, support_f1"), std::string::npos)
      << err.str();
  std::ostringstream failed_err;
  EXPECT_EQ(cli::figures_command({(dir / "failed.h5").string(), "--out", (dir / "f").string()}, out,
                                 failed_err),
            2);
  EXPECT_NE(failed_err.str().find("has no cell that succeeded"), std::string::npos)
      << failed_err.str();
  EXPECT_FALSE(fs::exists(dir / "figures"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spexbench
