#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/cell.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = std::string(SPEXBENCH_SOURCE_DIR) + "/datasets/external/examples/";

/// A worker written inline in Python (Debian's /usr/bin/python3) that misbehaves as told.
std::string inline_worker(const std::string& body, const std::string& hello_version = "1",
                          const std::string& hello = "") {
  const fs::path path =
      fs::temp_directory_path() /
      ("spexbench_worker_" +
       std::to_string(std::hash<std::string>()(body + hello_version + hello)) + ".py");
  std::ofstream(path) << "import json, sys\n"
                      << "json.loads(sys.stdin.readline())\n"
                      << (hello.empty()
                              ? "print(json.dumps({'protocol': 'spexbench-external', 'version': " +
                                    hello_version + ", 'num_features': 4}), flush=True)\n"
                              : "print(" + hello + ", flush=True)\n")
                      << "for line in sys.stdin:\n"
                      << "    masks = json.loads(line)['masks']\n"
                      << body;
  // A generous timeout: a loaded CI machine can take seconds to start Python.
  return "external.process:command=\"/usr/bin/python3 " + path.string() + "\",timeout=30";
}

std::string error_of(const std::string& task_spec) {
  const CellResult cell = run_cell({.task = task_spec, .explainer = "exhaustive", .budget = 16});
  EXPECT_EQ(cell.status, CellStatus::kError);
  return cell.error;
}

TEST(ExternalProcess, PlainPythonWorkerReproducesAPolynomialExactly) {
  const auto local =
      TaskRegistry::global().create("synthetic.sparse_fourier:n=30,s=25,d=4", {.seed = 3});
  const SparsePolynomial& truth = *local->ground_truth();
  nlohmann::json terms = nlohmann::json::array();
  for (std::size_t t = 0; t < truth.size(); ++t)
    terms.push_back(
        {std::vector<std::uint32_t>(truth.term(t).begin(), truth.term(t).end()), truth.coef(t)});
  const fs::path file = fs::temp_directory_path() / "spexbench_worker_polynomial.json";
  std::ofstream(file) << nlohmann::json{{"n", 30}, {"basis", "fourier"}, {"terms", terms}}.dump();
  const std::string spec = "external.process:command=\"/usr/bin/python3 " + kExamples +
                           "sparse_polynomial_worker.py " + file.string() + "\",batch=100";
  const auto remote = TaskRegistry::global().create(spec, {.seed = 1});
  EXPECT_EQ(remote->num_features(), 30);
  EXPECT_EQ(remote->spec(), spec);
  Rng rng(4);
  const MaskBatch masks = uniform_masks(250, 30, rng);  // three messages of at most 100
  std::vector<double> values(masks.rows());
  remote->evaluate(masks, values);
  const std::vector<double> expected = truth.evaluate(masks);
  for (std::size_t r = 0; r < masks.rows(); ++r) ASSERT_NEAR(values[r], expected[r], 1e-12) << r;
  // And a whole cell through it: SPEX recovers the worker's function.
  const CellResult cell = run_cell({.task = spec, .explainer = "spex", .budget = 30000, .seed = 2});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GT(cell.metric("r2")->value, 0.999);
}

TEST(ExternalProcess, MisbehavingWorkersFailTheCellWithTheReason) {
  EXPECT_NE(
      error_of("external.process:command=\"exit 3\"").find("exited with status 3 before answering"),
      std::string::npos);
  EXPECT_NE(error_of("external.process:command=\"sleep 5\",timeout=0.2")
                .find("did not answer within 0.2 s"),
            std::string::npos);
  EXPECT_NE(error_of(inline_worker("    print(json.dumps({'values': [1.0]}), flush=True)\n"))
                .find("answered 1 values for 16 masks"),
            std::string::npos);
  EXPECT_NE(error_of(inline_worker(
                         "    print(json.dumps({'values': [None] * len(masks)}), flush=True)\n"))
                .find("returned null (not a finite number)"),
            std::string::npos);
  EXPECT_NE(error_of(inline_worker("    sys.exit(7)\n")).find("exited with status 7"),
            std::string::npos);
  EXPECT_NE(error_of(inline_worker("    pass\n", "2"))
                .find("speaks protocol 'spexbench-external' version 2"),
            std::string::npos);
  EXPECT_NE(error_of(inline_worker("    print('not json', flush=True)\n")).find("not JSON"),
            std::string::npos);
}

TEST(ExternalProcess, AMalformedHandshakeFailsOnlyItsCell) {
  const std::string fine =
      "json.dumps({'protocol': 'spexbench-external', 'version': 1, 'num_features': 4})";
  for (const std::string& hello :
       {std::string("'[1, 2]'"), std::string("'\"text\"'"),
        std::string(
            "json.dumps({'protocol': 'spexbench-external', 'version': '1', 'num_features': 4})"),
        std::string(
            "json.dumps({'protocol': 'spexbench-external', 'version': 1, 'num_features': '4'})"),
        std::string(
            "json.dumps({'protocol': 'spexbench-external', 'version': 1, 'num_features': 0})"),
        std::string(
            "json.dumps({'protocol': 'spexbench-external', 'version': 1, 'num_features': 4.5})"),
        std::string("json.dumps({'protocol': 7, 'version': 1, 'num_features': 4})")}) {
    const std::string message = error_of(inline_worker("    pass\n", "1", hello));
    EXPECT_NE(message.find("its handshake"), std::string::npos) << hello << ": " << message;
  }
  // An n that differs from the worker's: the cell fails, the suite goes on.
  std::string spec = inline_worker("    pass\n", "1", fine);
  spec.insert(spec.find("command="), "n=5,");
  EXPECT_NE(error_of(spec).find("has 4 components but the spec says n=5"), std::string::npos)
      << error_of(spec);
}

TEST(ExternalProcess, HungWorkersAreKilledAtTheTimeout) {
  // Closes its stdout but stays alive; closes its stdin and stays alive; never reads while a
  // message of about 1 MB (65,536 masks of 16 components) is being sent.
  const std::string closes_stdout = "external.process:command=\"exec 1>&-; sleep 60\",timeout=0.5";
  EXPECT_NE(error_of(closes_stdout).find("did not exit within 0.5 s (killed)"), std::string::npos)
      << error_of(closes_stdout);
  const std::string closes_stdin = "external.process:command=\"exec 0<&-; sleep 60\",timeout=0.5";
  const CellResult stdin_cell =
      run_cell({.task = closes_stdin, .explainer = "exhaustive", .budget = 16});
  EXPECT_EQ(stdin_cell.status, CellStatus::kError);
  const fs::path deaf_script = fs::temp_directory_path() / "spexbench_deaf_worker.py";
  std::ofstream(deaf_script)
      << "import json, sys, time\n"
      << "print(json.dumps({'protocol': 'spexbench-external', 'version': 1, 'num_features': 16}), "
         "flush=True)\n"
      << "time.sleep(60)\n";
  const std::string deaf = "external.process:command=\"/usr/bin/python3 " + deaf_script.string() +
                           "\",timeout=2,batch=65536";
  const auto start = std::chrono::steady_clock::now();
  const CellResult cell = run_cell({.task = deaf, .explainer = "exhaustive", .budget = 65536});
  EXPECT_EQ(cell.status, CellStatus::kError) << cell.error;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 30);
}

TEST(ExternalProcess, AKilledWorkerLeavesNoProcessBehind) {
  const fs::path marker = fs::temp_directory_path() / "spexbench_orphan_marker";
  fs::remove(marker);
  // The shell starts a child that would touch the marker after 2 s: killed with its group, it never
  // does.
  const std::string spec = "external.process:command=\"(sleep 2; touch " + marker.string() +
                           ") & sleep 60\",timeout=0.3";
  (void)error_of(spec);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_FALSE(fs::exists(marker)) << "a process the worker started outlived it";
}

TEST(ExternalProcess, TorchWorkerIsDeterministicAndBatchSizeIndependent) {
  if (std::system("/usr/bin/python3 -c 'import torch' > /dev/null 2>&1") != 0)
    GTEST_SKIP() << "python3-torch is not installed";
  const std::string spec =
      "external.process:command=\"/usr/bin/python3 " + kExamples + "torch_mlp_worker.py 12\"";
  const auto a = TaskRegistry::global().create(spec + ",batch=7", {.seed = 1});
  const auto b = TaskRegistry::global().create(spec, {.seed = 1});
  Rng rng(5);
  const MaskBatch masks = uniform_masks(40, 12, rng);
  std::vector<double> x(40), y(40);
  a->evaluate(masks, x);
  b->evaluate(masks, y);
  for (std::size_t r = 0; r < 40; ++r) EXPECT_NEAR(x[r], y[r], 1e-12);
}

}  // namespace
}  // namespace spexbench
