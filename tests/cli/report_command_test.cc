// `spexbench report` in-process: which metric columns the leaderboard shows, its curves, and the
// ranking across tasks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "results/results_file.h"
#include "tests/test_tasks.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

TEST(ReportCommand, ColumnsAndCurves) {
  test::link_test_plugins();
  const fs::path dir = fs::temp_directory_path() / "spexbench_report_command_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  // Cells scored by R^2 alone, as on a task without ground truth.
  const CellResult cell = run_cell({.task = "synthetic.soum:n=7,s=5,d=3",
                                    .explainer = "exhaustive",
                                    .budget = 128,
                                    .holdout = 50,
                                    .metrics = {"r2"}});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  write_results(dir / "r2-only.h5", Provenance::collect("test"), std::span(&cell, 1));

  std::ostringstream out, err;
  ASSERT_EQ(cli::report_command({(dir / "r2-only.h5").string()}, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("| rank | explainer | r2 | queries |"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("support_f1"), std::string::npos) << out.str();
  // Under the title, where the results come from.
  EXPECT_NE(out.str().find("\n\n1 cell; written by spexbench "), std::string::npos) << out.str();

  std::ostringstream chosen_out;
  ASSERT_EQ(cli::report_command(
                {(dir / "r2-only.h5").string(), "--metric", "r2", "--metric", "support_f1"},
                chosen_out, err),
            0)
      << err.str();
  EXPECT_NE(chosen_out.str().find("| r2 | support_f1 |"), std::string::npos) << chosen_out.str();

  std::ostringstream curves_out;
  ASSERT_EQ(cli::report_command({(dir / "r2-only.h5").string(), "--curves"}, curves_out, err), 0)
      << err.str();
  EXPECT_NE(curves_out.str().find("| budget | `exhaustive` |\n|---|---|\n| 128 | 1.0000 |"),
            std::string::npos)
      << curves_out.str();
  EXPECT_TRUE(fs::exists(dir / "r2-only.curves.html"));
  EXPECT_TRUE(fs::exists(dir / "r2-only.html"));  // the leaderboard's page, from the first call
  fs::remove_all(dir);
}

TEST(ReportCommand, RanksAcrossTasksAndTestsAgainstAReference) {
  test::link_test_plugins();
  const fs::path dir = fs::temp_directory_path() / "spexbench_report_ranking_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<CellResult> cells;
  for (const int instance : {0, 1, 2})
    for (const char* explainer : {"exhaustive", "lasso"})
      cells.push_back(run_cell({.task = "synthetic.soum:n=7,s=5,d=3",
                                .explainer = explainer,
                                .budget = 128,
                                .instance = instance,
                                .holdout = 50,
                                .metrics = {"r2"}}));
  write_results(dir / "two.h5", Provenance::collect("test"), cells);
  std::ostringstream out, err;
  ASSERT_EQ(cli::report_command({(dir / "two.h5").string()}, out, err), 0) << err.str();
  const std::string markdown = out.str();
  // The ranking and the reference test come before the per-table boards.
  const auto across = markdown.find("## Across tasks: mean rank by `r2`");
  const auto against = markdown.find("## Against `exhaustive` by `r2`");
  const auto per_task = markdown.find("## Per task and budget");
  ASSERT_NE(across, std::string::npos) << markdown;
  ASSERT_NE(against, std::string::npos) << markdown;
  EXPECT_LT(across, against);
  EXPECT_LT(against, per_task);
  EXPECT_NE(markdown.find("| 1 | `exhaustive` | 1.00 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("3 of 3 problems ranked"), std::string::npos) << markdown;
  ASSERT_TRUE(fs::exists(dir / "two.cd.svg"));
  std::ostringstream html;
  html << std::ifstream(dir / "two.html").rdbuf();
  EXPECT_NE(html.str().find("<svg"), std::string::npos);

  std::ostringstream chosen;
  ASSERT_EQ(cli::report_command({(dir / "two.h5").string(), "--reference", "lasso"}, chosen, err),
            0);
  EXPECT_NE(chosen.str().find("| `exhaustive` | 3 | 3 | 0 | 0 |"), std::string::npos)
      << chosen.str();
  std::ostringstream unknown_out, unknown_err;
  EXPECT_EQ(cli::report_command({(dir / "two.h5").string(), "--reference", "spex"}, unknown_out,
                                unknown_err),
            2);
  EXPECT_NE(unknown_err.str().find("the explainers are: exhaustive lasso"), std::string::npos)
      << unknown_err.str();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace spexbench
