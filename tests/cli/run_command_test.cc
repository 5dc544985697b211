// `spexbench run` in-process: output formats, exit statuses, and what is (not) written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "results/results_file.h"
#include "tests/test_tasks.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

struct Output {
  int status;
  std::string out, err;
};

Output run(const cli::Args& args) {
  test::link_test_plugins();
  std::ostringstream out, err;
  const int status = cli::run_command(args, out, err);
  return {status, out.str(), err.str()};
}

class RunCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           (std::string("spexbench_cli_test_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(RunCommandTest, JsonHasTheDocumentedStableKeys) {
  const Output o =
      run({"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive",
           "--budget", "256", "--seed", "4", "--out", path("c.h5"), "--json"});
  ASSERT_EQ(o.status, 0) << o.err;
  const auto json = nlohmann::json::parse(o.out);
  for (const char* key : {"status", "error", "queries_total", "queries_unique", "algorithm_seconds",
                          "oracle_seconds", "metrics", "explainer_info", "task_info"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_TRUE(json["explainer_info"].is_object());
  EXPECT_EQ(json["status"], "ok");
  EXPECT_TRUE(json["error"].is_null());
  EXPECT_EQ(json["queries_total"], 256);
  EXPECT_EQ(json["metrics"]["support_f1"], 1.0);
  EXPECT_TRUE(fs::exists(path("c.h5")));
}

TEST_F(RunCommandTest, ACellJoinsTheCellsAlreadyInItsResultsFile) {
  const auto cell = [&](const char* task) {
    return run({"--task", task, "--explainer", "exhaustive", "--budget", "256", "--out",
                path("cells.h5"), "--json"});
  };
  ASSERT_EQ(cell("synthetic.soum:n=6,s=3,d=2").status, 0);
  ASSERT_EQ(cell("synthetic.soum:n=7,s=3,d=2").status, 0);
  ASSERT_EQ(cell("synthetic.soum:n=7,s=3,d=2").status, 0);  // the same cell again replaces itself
  const Output summary = run({"--task", "synthetic.soum:n=5,s=3,d=2", "--explainer", "exhaustive",
                              "--budget", "256", "--out", path("cells.h5")});
  EXPECT_NE(summary.out.find("cells.h5 (3 cells in the file)"), std::string::npos) << summary.out;
  const ResultsFile file = read_results(path("cells.h5"));
  ASSERT_EQ(file.cells.size(), 3u);
  EXPECT_NE(file.cells[0].spec.task, file.cells[1].spec.task);

  // A file that is not a results file is named before the cell runs, and left as it was.
  std::ofstream(path("notes.h5")) << "my notes\n";
  const Output o = run({"--task", "synthetic.soum:n=6,s=3,d=2", "--explainer", "exhaustive",
                        "--budget", "256", "--out", path("notes.h5")});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("is not an HDF5 file"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
  std::ifstream notes(path("notes.h5"));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(notes), {}), "my notes\n");
}

TEST_F(RunCommandTest, ReadableSummaryByDefault) {
  const Output o = run({"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer",
                        "exhaustive", "--budget", "256"});
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_NE(o.out.find("status       ok"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("256 total"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("not saved"), std::string::npos) << o.out;
}

// Stage lines go to stderr only when asked for (tests run without a terminal), so stdout stays
// one JSON object.
TEST_F(RunCommandTest, ProgressPrintsTimedStagesOnStderr) {
  const cli::Args cell = {
      "--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "spex", "--budget", "300",
      "--json"};
  const Output quiet = run(cell);
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
  cli::Args with_progress = cell;
  with_progress.push_back("--progress");
  const Output o = run(with_progress);
  ASSERT_EQ(o.status, 0) << o.err;
  EXPECT_TRUE(nlohmann::json::parse(o.out).is_object());
  EXPECT_EQ(o.err.rfind("[0.", 0), 0u) << o.err;
  for (const char* stage : {" s] starting synthetic.sparse_fourier:n=8,s=5,d=2\n",
                            " s] explaining with spex (budget 300)\n", " s] querying group 1 of ",
                            " s] peeling the bins\n", " s] scoring on 1000 held-out masks\n"})
    EXPECT_NE(o.err.find(stage), std::string::npos) << stage << " in\n" << o.err;
  const Output suite = run({path("missing.yaml"), "--progress"});
  EXPECT_EQ(suite.status, 2);
  EXPECT_NE(suite.err.find("--progress cannot be combined with a suite file"), std::string::npos)
      << suite.err;
}

TEST_F(RunCommandTest, BadInputExitsTwoNamingTheProblemAndWritesNothing) {
  const std::vector<std::pair<cli::Args, std::string>> cases = {
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "nope", "--budget", "9"},
       "unknown explainer 'nope'"},
      {{"--task", "synthetic.nope:n=8", "--explainer", "exhaustive", "--budget", "9"},
       "unknown task 'synthetic.nope'"},
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2,q=1", "--explainer", "exhaustive",
        "--budget", "9"},
       "unknown parameter 'q'"},
      {{"--task", "synthetic.sparse_fourier:n=8;s=5", "--explainer", "exhaustive", "--budget", "9"},
       "malformed spec"},
      {{"--task", "synthetic.sparse_fourier:n=999999,s=5,d=2", "--explainer", "exhaustive",
        "--budget", "9"},
       "n=999999 is out of range"},
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive", "--budget",
        "0"},
       "budget=0, must be >= 1"},
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive", "--budget",
        "-3"},
       "budget=-3, must be >= 1"},
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive", "--budget",
        "many"},
       "budget"},
      // Two billion held-out masks needed 16 GB and ended in the kernel's OOM killer.
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive", "--budget",
        "256", "--holdout", "2000000000"},
       "holdout=2000000000 is out of range [0, 1000000]"},
      {{"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive", "--budget",
        "256", "--out", (fs::temp_directory_path() / "no_such_folder_spexbench" / "x.h5").string()},
       "does not exist"},
  };
  for (const auto& [args, expected] : cases) {
    const Output o = run(args);
    EXPECT_EQ(o.status, 2) << expected;
    EXPECT_NE(o.err.find(expected), std::string::npos) << "stderr: " << o.err;
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

TEST_F(RunCommandTest, TooManyJobsIsAnErrorNamingTheLimit) {
  std::ofstream(path("suite.yaml"))
      << "name: jobs\nseeds: [0]\ntasks:\n  - task: synthetic.soum:n=5,s=2,d=2\n"
         "explainers: [exhaustive]\nbudgets: [32]\n";
  const Output o = run({path("suite.yaml"), "--jobs", "2000", "--out", path("jobs.h5")});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("--jobs 2000 is out of range [1, 256]"), std::string::npos) << o.err;
  EXPECT_FALSE(fs::exists(path("jobs.h5")));
}

TEST_F(RunCommandTest, NonFiniteValueExitsTwoAndRecordsTheFailedCell) {
  const Output o = run({"--task", "test.nan:n=4,after=3", "--explainer", "exhaustive", "--budget",
                        "16", "--out", path("nan.h5"), "--json"});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("returned nan"), std::string::npos) << o.err;
  const auto json = nlohmann::json::parse(o.out);
  EXPECT_EQ(json["status"], "error");
  const ResultsFile file = read_results(path("nan.h5"));
  ASSERT_EQ(file.cells.size(), 1u);
  EXPECT_EQ(file.cells[0].status, CellStatus::kError);
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename(), "nan.h5") << "partial file left: " << entry.path();
}

TEST_F(RunCommandTest, AnEmptyOutIsAnErrorNotARunThatSavesNothing) {
  const Output o = run({"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer",
                        "exhaustive", "--budget", "256", "--out", ""});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("output path is empty"), std::string::npos) << o.err;
}

TEST_F(RunCommandTest, SystemErrorsExitTwoWithTheirReason) {
  // A folder given as a suite file, and a file name too long for the file system.
  const Output folder = run({dir_.string()});
  EXPECT_EQ(folder.status, 2) << folder.err;
  EXPECT_NE(folder.err.find("is a folder"), std::string::npos) << folder.err;
  const Output long_name =
      run({"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer", "exhaustive",
           "--budget", "256", "--out", path(std::string(300, 'x') + ".h5")});
  EXPECT_EQ(long_name.status, 2) << long_name.err;
  EXPECT_NE(long_name.err.find("spexbench run:"), std::string::npos) << long_name.err;
}

TEST_F(RunCommandTest, BudgetViolationIsStoredNotACrash) {
  const Output o = run({"--task", "synthetic.sparse_fourier:n=8,s=5,d=2", "--explainer",
                        "test.overspend", "--budget", "50", "--out", path("b.h5"), "--json"});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(nlohmann::json::parse(o.out)["status"], "budget_exceeded");
  EXPECT_EQ(read_results(path("b.h5")).cells[0].status, CellStatus::kBudgetExceeded);
}

TEST_F(RunCommandTest, ListNamesEveryPluginWithItsParameters) {
  std::ostringstream out, err;
  ASSERT_EQ(cli::list_command({}, out, err), 0);
  for (const char* text : {"explainers", "exhaustive", "tasks", "synthetic.sparse_fourier",
                           "snr_db", "metrics", "support_f1", "rel_tol"})
    EXPECT_NE(out.str().find(text), std::string::npos) << text;
  // An entry's parameter columns line up whatever the length of its names (spex: t, chase_depth).
  const auto column_of_default = [&](const std::string& parameter) {
    const auto line = out.str().find("\n      " + parameter + " ");
    EXPECT_NE(line, std::string::npos) << parameter;
    return out.str().find("default", line) - line;
  };
  EXPECT_EQ(column_of_default("t"), column_of_default("chase_depth"));
  EXPECT_EQ(column_of_default("t"), column_of_default("decoder"));
  std::ostringstream json_out;
  ASSERT_EQ(cli::list_command({"--json"}, json_out, err), 0);
  const auto json = nlohmann::json::parse(json_out.str());
  EXPECT_FALSE(json["explainers"].empty());
}

}  // namespace
}  // namespace spexbench
