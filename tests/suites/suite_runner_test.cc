// The suite runner's guarantees: results independent of --jobs, and a run killed with SIGKILL at
// any point resumes to the same file an uninterrupted run writes.
#include "suites/engine/suite_runner.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/folder_lock.h"
#include "core/rng.h"
#include "results/compare/identical_cells.h"
#include "results/results_file.h"
#include "results/shard_log.h"
#include "tests/scratch_folder.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSuite = R"(name: resumable
seeds: [0, 1, 2]
holdout: 300
tasks:
  - task: synthetic.sparse_fourier:n=12,s=10,d=3
    instances: 6
  - task: synthetic.soum:n=10,s=8,d=3
    instances: 4
explainers: [exhaustive, spex, kernel_shap, faith_banzhaf]
budgets: [1024, 4096]
)";

constexpr const char* kSmallSuite = R"(name: small
seeds: [0]
holdout: 100
tasks:
  - task: synthetic.soum:n=7,s=3,d=2
explainers: [exhaustive, spex]
budgets: [128]
)";

class SuiteRunnerTest : public testing::ScratchFolderTest {
 protected:
  void SetUp() override {
    ScratchFolderTest::SetUp();
    std::ofstream(dir_ / "suite.yaml") << kSuite;
  }
  /// Writes small.yaml and returns its cells as an uninterrupted run into reference.h5 wrote them.
  std::vector<CellResult> small_suite_cells() {
    std::ofstream(dir_ / "small.yaml") << kSmallSuite;
    std::ostringstream log;
    (void)run_suite(load_suite(dir_ / "small.yaml"), {.out = dir_ / "reference.h5"},
                    Provenance::collect("test"), log);
    return read_results(dir_ / "reference.h5").cells;
  }
};

/// Every stored value of two results files agrees, timings and provenance aside.
void expect_same_results(const fs::path& a_path, const fs::path& b_path) {
  const ResultsFile a = read_results(a_path), b = read_results(b_path);
  ASSERT_EQ(a.cells.size(), b.cells.size());
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    const CellResult &x = a.cells[i], &y = b.cells[i];
    ASSERT_EQ(x.id, y.id);
    EXPECT_EQ(x.status, y.status) << x.id;
    EXPECT_EQ(x.error, y.error);
    EXPECT_EQ(x.counts.total, y.counts.total);
    EXPECT_EQ(x.counts.unique, y.counts.unique);
    EXPECT_EQ(x.counts.batches, y.counts.batches);
    EXPECT_EQ(x.estimate, y.estimate) << x.id;
    EXPECT_EQ(x.holdout_values, y.holdout_values);
    ASSERT_EQ(x.metrics.size(), y.metrics.size());
    for (std::size_t m = 0; m < x.metrics.size(); ++m) {
      EXPECT_EQ(x.metrics[m].name, y.metrics[m].name);
      EXPECT_EQ(x.metrics[m].value, y.metrics[m].value) << x.id << " " << x.metrics[m].name;
    }
  }
}

constexpr const char* kOtherSuite = R"(name: other
seeds: [0]
holdout: 100
tasks:
  - task: synthetic.soum:n=6,s=3,d=2
explainers: [exhaustive]
budgets: [64]
)";

TEST_F(SuiteRunnerTest, OneJobAndThreeJobsWriteTheSameResults) {
  const Suite suite = load_suite(dir_ / "suite.yaml");
  std::ostringstream log;
  const Provenance provenance = Provenance::collect("test");
  (void)run_suite(suite, {.out = dir_ / "one.h5", .jobs = 1}, provenance, log);
  (void)run_suite(suite, {.out = dir_ / "three.h5", .jobs = 3}, provenance, log);
  expect_same_results(dir_ / "one.h5", dir_ / "three.h5");
  EXPECT_FALSE(fs::exists(shard_folder(dir_ / "one.h5")));
}

TEST_F(SuiteRunnerTest, CellsOfTheFileThatTheSuiteDoesNotDefineAreKept) {
  std::ofstream(dir_ / "other.yaml") << kOtherSuite;
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  std::ostringstream log;
  const Provenance provenance = Provenance::collect("test");
  const fs::path out = dir_ / "shared.h5";
  const SuiteRunReport other =
      run_suite(load_suite(dir_ / "other.yaml"), {.out = out}, provenance, log);
  ASSERT_EQ(other.cells.size(), 1u);
  const SuiteRunReport small =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, provenance, log);
  EXPECT_EQ(small.cells.size(), 2u);
  EXPECT_EQ(small.kept, 1);
  const ResultsFile file = read_results(out);
  ASSERT_EQ(file.cells.size(), 3u);
  EXPECT_TRUE(std::any_of(file.cells.begin(), file.cells.end(),
                          [&](const CellResult& cell) { return cell.id == other.cells[0].id; }));
}

TEST_F(SuiteRunnerTest, AKillBetweenTheLastShardAndTheMergeLosesNoCell) {
  std::ofstream(dir_ / "other.yaml") << kOtherSuite;
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  std::ostringstream log;
  const Provenance provenance = Provenance::collect("test");
  const fs::path out = dir_ / "shared.h5", reference = dir_ / "reference.h5";
  (void)run_suite(load_suite(dir_ / "other.yaml"), {.out = out}, provenance, log);
  (void)run_suite(load_suite(dir_ / "small.yaml"), {.out = reference}, provenance, log);
  // The state a kill leaves after the last cell of `small` and before its merge: every cell in
  // its shard log, OUT holding only the other suite's cell.
  fs::create_directories(shard_folder(out));
  {
    ShardLogWriter killed(shard_folder(out) / "host.1.shard", provenance);
    for (const CellResult& cell : read_results(reference).cells) killed.append(cell);
  }

  const SuiteRunReport resumed =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, provenance, log);
  EXPECT_EQ(resumed.ran, 0);
  EXPECT_EQ(resumed.resumed, 2);
  EXPECT_EQ(read_results(out).cells.size(), 3u);
  EXPECT_FALSE(fs::exists(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, TwoSuitesWritingToOneFileAtOnceBothFinish) {
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  std::ostringstream log_a, log_b;
  const Provenance provenance = Provenance::collect("test");
  const fs::path out = dir_ / "shared.h5";
  const Suite big = load_suite(dir_ / "suite.yaml"), small = load_suite(dir_ / "small.yaml");
  // `small` finishes many times while `big` runs: each finish must leave big's shards and folder.
  std::exception_ptr big_error;
  std::thread big_run([&] {
    try {
      (void)run_suite(big, {.out = out, .jobs = 1}, provenance, log_a);
    } catch (...) {
      big_error = std::current_exception();
    }
  });
  for (int round = 0; round < 20; ++round) {
    EXPECT_NO_THROW((void)run_suite(small, {.out = out}, provenance, log_b));
    update_results(out, [](ResultsFile& file) {  // forget small's cells: the next round reruns
      std::erase_if(file.cells, [](const CellResult& cell) {
        return cell.spec.task.starts_with("synthetic.soum:n=7");
      });
      return true;
    });
  }
  big_run.join();
  if (big_error) std::rethrow_exception(big_error);
  EXPECT_EQ(read_results(out).cells.size(), expand_suite(big).size());
  EXPECT_FALSE(fs::exists(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, AnUnreadableShardIsQuarantinedAndItsCellsRunAgain) {
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  const fs::path out = dir_ / "small.h5";
  fs::create_directories(shard_folder(out));
  std::ofstream(shard_folder(out) / "0123456789abcdef.h5") << "not an HDF5 file";
  std::ofstream(shard_folder(out) / "host.7.shard") << "not a shard log";
  std::ostringstream log;
  const SuiteRunReport report =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, Provenance::collect("test"), log);
  EXPECT_EQ(report.ran, 2);
  EXPECT_NE(log.str().find("unreadable shard"), std::string::npos) << log.str();
  EXPECT_TRUE(fs::exists(dir_ / "small.h5.quarantine" / "0123456789abcdef.h5"));
  EXPECT_TRUE(fs::exists(dir_ / "small.h5.quarantine" / "host.7.shard"));
  EXPECT_FALSE(fs::exists(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, ALogTornByAKillResumesItsWholeCellsAndRunsTheRest) {
  const Provenance provenance = Provenance::collect("test");
  std::ostringstream log;
  const fs::path out = dir_ / "small.h5";
  const std::vector<CellResult> cells = small_suite_cells();
  ASSERT_EQ(cells.size(), 2u);
  fs::create_directories(shard_folder(out));
  const fs::path torn = shard_folder(out) / "host.1.shard";
  {
    ShardLogWriter killed(torn, provenance);
    killed.append(cells[0]);
    killed.append(cells[1]);
  }
  fs::resize_file(torn, fs::file_size(torn) - 10);  // the second record half written
  const SuiteRunReport report =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, provenance, log);
  EXPECT_EQ(report.resumed, 1);
  EXPECT_EQ(report.ran, 1);
  EXPECT_NE(log.str().find("a record cut short; a run killed while writing"), std::string::npos)
      << log.str();
  EXPECT_TRUE(cell_differences(cells, read_results(out).cells).empty());
  EXPECT_FALSE(fs::exists(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, ALogStillBeingWrittenIsReadButLeftToItsWriter) {
  // Another suite writing to the same file holds its log open: its finished cells count as done
  // here and are merged, but the log stays for its writer to add to, merge and remove.
  const Provenance provenance = Provenance::collect("test");
  std::ostringstream log;
  const fs::path out = dir_ / "small.h5";
  const std::vector<CellResult> cells = small_suite_cells();
  fs::create_directories(shard_folder(out));
  ShardLogWriter live(shard_folder(out) / "host.2.shard", provenance);
  live.append(cells[0]);
  const SuiteRunReport report =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, provenance, log);
  EXPECT_EQ(report.resumed, 1);
  EXPECT_EQ(report.ran, 1);
  EXPECT_EQ(read_results(out).cells.size(), 2u);
  EXPECT_TRUE(fs::exists(live.path()));
  live.close();
  (void)run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, provenance, log);
  EXPECT_FALSE(fs::exists(shard_folder(out)));  // closed, it is merged and removed
}

TEST_F(SuiteRunnerTest, AShardFolderAnMpiJobHoldsOutlivesAPlainRunOnTheSameFile) {
  // An MPI job claims the folder before its first log exists; a plain run ending meanwhile must
  // not remove it, or a second MPI job could claim a new folder of the same name.
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  const fs::path out = dir_ / "small.h5";
  fs::create_directories(shard_folder(out));
  const FolderLock mpi_job(shard_folder(out), FolderLock::Wait::kNo);
  ASSERT_TRUE(mpi_job.held());
  std::ostringstream log;
  const SuiteRunReport report =
      run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, Provenance::collect("test"), log);
  EXPECT_EQ(report.ran, 2);
  EXPECT_EQ(read_results(out).cells.size(), 2u);
  EXPECT_TRUE(fs::is_directory(shard_folder(out)));
  EXPECT_TRUE(fs::is_empty(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, TemporariesOfKilledWritersGoAndThoseOfLiveOnesStay) {
  // A writer killed mid-write leaves <shard>.h5.tmp-<pid> behind; a live one (another suite
  // writing to the same file) is still writing its own.
  std::ofstream(dir_ / "small.yaml") << kSmallSuite;
  const fs::path out = dir_ / "small.h5";
  const pid_t dead = fork();
  if (dead == 0) _exit(0);
  waitpid(dead, nullptr, 0);
  fs::create_directories(shard_folder(out));
  const fs::path killed = shard_folder(out) / ("0123456789abcdef.h5.tmp-" + std::to_string(dead));
  const fs::path live = shard_folder(out) / ("fedcba9876543210.h5.tmp-" + std::to_string(getpid()));
  std::ofstream(killed) << "half a file";
  std::ofstream(live) << "being written";
  std::ostringstream log;
  (void)run_suite(load_suite(dir_ / "small.yaml"), {.out = out}, Provenance::collect("test"), log);
  EXPECT_FALSE(fs::exists(killed));
  EXPECT_TRUE(fs::exists(live));
  fs::remove(live);
}

TEST_F(SuiteRunnerTest, AMissingInputFileStopsTheSuiteBeforeAnyCellRuns) {
  std::ofstream(dir_ / "bad.yaml") << R"(name: bad
seeds: [0]
tasks:
  - task: synthetic.soum:n=7,s=3,d=2
  - task: data.subsets:n=5,source=csv,csv=)"
                                   << (dir_ / "missing.csv").string() << R"(,label=y
explainers: [exhaustive]
budgets: [128]
)";
  std::ostringstream log;
  const fs::path out = dir_ / "bad.h5";
  try {
    (void)run_suite(load_suite(dir_ / "bad.yaml"), {.out = out}, Provenance::collect("test"), log);
    FAIL() << "a missing CSV was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("missing.csv: no such file"), std::string::npos)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(shard_folder(out)));
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(SuiteRunnerTest, AnUnusableCacheFolderStopsTheSuiteBeforeAnyCellRuns) {
  std::ofstream(dir_ / "cached.yaml")
      << "name: cached\nseeds: [0]\ncache: " << (dir_ / "suite.yaml" / "cache").string() << R"(
tasks:
  - task: synthetic.soum:n=7,s=3,d=2
explainers: [exhaustive]
budgets: [128]
)";
  std::ostringstream log;
  const fs::path out = dir_ / "cached.h5";
  EXPECT_THROW((void)run_suite(load_suite(dir_ / "cached.yaml"), {.out = out},
                               Provenance::collect("test"), log),
               Error);
  EXPECT_FALSE(fs::exists(shard_folder(out)));
}

TEST_F(SuiteRunnerTest, KilledThreeTimesAndResumedEqualsAnUninterruptedRun) {
  const char* binary = std::getenv("SPEXBENCH_BINARY");
  if (binary == nullptr) GTEST_SKIP() << "SPEXBENCH_BINARY not set (run through ctest)";
  const std::string suite = (dir_ / "suite.yaml").string();
  auto launch = [&](const fs::path& out) {
    const pid_t pid = fork();
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      dup2(devnull, 2);
      const std::string out_arg = out.string();
      execl(binary, binary, "run", suite.c_str(), "--out", out_arg.c_str(), "--jobs", "2",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  };
  const fs::path reference = dir_ / "reference.h5", resumed = dir_ / "resumed.h5";
  int status = 0;
  waitpid(launch(reference), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  Rng rng(20261122);
  int kills = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const pid_t pid = launch(resumed);
    usleep(static_cast<useconds_t>(30000 + rng.below(250000)));  // 30..280 ms into the run
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    kills += WIFSIGNALED(status);
    // Never a damaged file: either none yet, or a complete one.
    if (fs::exists(resumed)) {
      EXPECT_NO_THROW((void)read_results(resumed));
    }
  }
  EXPECT_EQ(kills, 3) << "a run finished before its kill landed: make the suite larger";
  waitpid(launch(resumed), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  expect_same_results(reference, resumed);
  EXPECT_FALSE(fs::exists(shard_folder(resumed)));
}

}  // namespace
}  // namespace spexbench
