// external.explainer: the shipped NumPy examples against their native counterparts, the budget's
// refusal, and every way a method can misbehave failing only its cell, with the reason.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/cell.h"
#include "core/interaction_index.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = std::string(SPEXBENCH_SOURCE_DIR) + "/baselines/external/examples/";
const std::string kPython = std::string(SPEXBENCH_SOURCE_DIR) + "/python";

std::string example(const std::string& script_and_arguments) {
  // A generous timeout: a loaded CI machine can take seconds to start Python and NumPy.
  return "external.explainer:command=\"/usr/bin/python3 " + kExamples + script_and_arguments +
         "\",timeout=60";
}

/// A method written inline in Python: `body` runs after the problem is read (as `problem`, a dict)
/// and, unless `hello` is false, the hello is sent; `send(message)` writes one line.
std::string inline_method(const std::string& body, double timeout = 30, bool hello = true) {
  const std::string source =
      "import json, sys\n"
      "def send(message):\n"
      "    sys.stdout.write(message if isinstance(message, str) else json.dumps(message))\n"
      "    sys.stdout.write('\\n')\n"
      "    sys.stdout.flush()\n"
      "def receive():\n"
      "    return json.loads(sys.stdin.readline())\n"
      "problem = receive()\n" +
      std::string(hello ? "send({'protocol': 'spexbench-explainer', 'version': 1})\n" : "") + body;
  const fs::path path =
      fs::temp_directory_path() /
      ("spexbench_method_" + std::to_string(std::hash<std::string>()(source)) + ".py");
  std::ofstream(path) << source;
  return "external.explainer:command=\"/usr/bin/python3 " + path.string() +
         "\",timeout=" + std::to_string(timeout);
}

CellResult run(const std::string& explainer, const std::string& task, std::int64_t budget,
               std::uint64_t seed = 1) {
  return run_cell({.task = task, .explainer = explainer, .budget = budget, .seed = seed});
}

std::string error_of(const std::string& explainer) {
  const CellResult cell = run(explainer, "synthetic.soum:n=6,s=4,d=2", 64);
  EXPECT_EQ(cell.status, CellStatus::kError) << explainer;
  return cell.error;
}

TEST(ExternalExplainer, PermutationShapleyIsExactOnAnAdditiveFunctionAsTheNativeOneIs) {
  // On a degree-1 function every permutation gives the exact Shapley values.
  const std::string task = "synthetic.sparse_fourier:n=12,s=8,d=1";
  const CellResult external = run(example("permutation_shapley.py"), task, 500);
  const CellResult native = run("permutation_shapley", task, 500);
  ASSERT_EQ(external.status, CellStatus::kOk) << external.error;
  ASSERT_EQ(native.status, CellStatus::kOk) << native.error;
  EXPECT_EQ(external.counts.total, native.counts.total);  // 2 + 45 permutations x 11 prefixes
  EXPECT_EQ(external.counts.total, 2 + 45 * 11);
  const std::vector<double> truth = shapley_values(*external.ground_truth);
  const std::vector<double> ours = shapley_values(*external.estimate);
  const std::vector<double> theirs = shapley_values(*native.estimate);
  for (std::size_t i = 0; i < truth.size(); ++i) {
    EXPECT_NEAR(ours[i], truth[i], 1e-9) << i;
    EXPECT_NEAR(theirs[i], truth[i], 1e-9) << i;
  }
}

TEST(ExternalExplainer, PermutationShapleyMatchesTheNativeEstimatorWithinSamplingError) {
  // Degree 3: the estimates scatter around the exact values with the same spread, 1 / sqrt(m).
  const std::string task = "synthetic.soum:n=12,s=20,d=3";
  double external_mse = 0, native_mse = 0, large_mse = 0;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const CellResult external = run(example("permutation_shapley.py"), task, 2000, seed);
    const CellResult native = run("permutation_shapley", task, 2000, seed);
    const CellResult large = run(example("permutation_shapley.py"), task, 200000, seed);
    ASSERT_EQ(external.status, CellStatus::kOk) << external.error;
    ASSERT_EQ(native.status, CellStatus::kOk) << native.error;
    ASSERT_EQ(large.status, CellStatus::kOk) << large.error;
    external_mse += external.metric("sv_mse")->value;
    native_mse += native.metric("sv_mse")->value;
    large_mse += large.metric("sv_mse")->value;
  }
  EXPECT_GT(external_mse, 0);  // a sampled estimate, not the exact values
  EXPECT_LT(external_mse, 3 * native_mse);
  EXPECT_LT(native_mse, 3 * external_mse);
  // 100 times the permutations: about 100 times smaller (allowing a factor 5 for 3 seeds).
  EXPECT_LT(large_mse, external_mse / 20);
}

TEST(ExternalExplainer, UniformRegressionEqualsNativeFaithBanzhafOnTheFullDesign) {
  // budget = 2^n: both regress on every mask once, which gives the exact Faith-Banzhaf index.
  const std::string task = "synthetic.soum:n=8,s=10,d=4";
  const CellResult external = run(example("uniform_regression.py --order 2"), task, 256);
  const CellResult native = run("faith_banzhaf:order=2,regularization=none", task, 256);
  ASSERT_EQ(external.status, CellStatus::kOk) << external.error;
  ASSERT_EQ(native.status, CellStatus::kOk) << native.error;
  EXPECT_EQ(external.counts.total, 256);
  EXPECT_EQ(external.counts.unique, 256);
  const SparsePolynomial ours = external.estimate->to_basis(Basis::kMobius);
  const SparsePolynomial theirs = native.estimate->to_basis(Basis::kMobius);
  ASSERT_EQ(ours.size(), 1 + 8 + 28u);
  for (std::size_t t = 0; t < ours.size(); ++t) {
    const auto expected = theirs.find(ours.term(t));
    EXPECT_NEAR(ours.coef(t), expected.value_or(0.0), 1e-9) << t;
  }
  EXPECT_NEAR(external.metric("r2")->value, native.metric("r2")->value, 1e-9);
}

TEST(ExternalExplainer, UniformRegressionOnSampledMasksEstimatesTheSameIndexAsTheNativeOne) {
  const std::string task = "synthetic.soum:n=12,s=20,d=3";
  const CellResult external = run(example("uniform_regression.py --order 2"), task, 2000);
  const CellResult native = run("faith_banzhaf:order=2,regularization=none", task, 2000);
  const CellResult exact = run("exact_index:index=fbii,order=2", task, 4096);
  ASSERT_EQ(external.status, CellStatus::kOk) << external.error;
  ASSERT_EQ(native.status, CellStatus::kOk) << native.error;
  ASSERT_EQ(exact.status, CellStatus::kOk) << exact.error;
  const auto squared_error = [&](const CellResult& cell) {
    const SparsePolynomial estimate = cell.estimate->to_basis(Basis::kMobius);
    double sum = 0;
    for (std::size_t t = 0; t < exact.estimate->size(); ++t) {
      const double e = estimate.find(exact.estimate->term(t)).value_or(0.0);
      sum += (e - exact.estimate->coef(t)) * (e - exact.estimate->coef(t));
    }
    return sum;
  };
  const double ours = squared_error(external), theirs = squared_error(native);
  EXPECT_GT(ours, 0);
  EXPECT_LT(ours, 3 * theirs);
  EXPECT_LT(theirs, 3 * ours);
}

TEST(ExternalExplainer, AQueryPastTheBudgetIsRefusedAndTheMethodIsTold) {
  const fs::path told = fs::temp_directory_path() / "spexbench_method_was_told";
  fs::remove(told);
  const std::string method = inline_method(
      "send({'query': ['1' * problem['n']] * 10})\n"
      "receive()\n"
      "send({'query': ['0' * problem['n']] * (problem['budget'] - 9)})\n"
      "reply = receive()\n"
      "open('" +
      told.string() +
      "', 'w').write(reply['error']['kind'])\n"
      "sys.exit(1)\n");
  const CellResult cell = run(method, "synthetic.soum:n=6,s=4,d=2", 64);
  EXPECT_EQ(cell.status, CellStatus::kBudgetExceeded) << cell.error;
  EXPECT_EQ(cell.counts.total, 10);  // the refused batch evaluated nothing
  std::ifstream in(told);
  std::string kind;
  in >> kind;
  EXPECT_EQ(kind, "budget_exceeded");
}

TEST(ExternalExplainer, MisbehavingMethodsFailOnlyTheirCellWithTheReason) {
  struct Case {
    std::string body;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"send('{not json')\n", "sent a line that is not JSON: {not json"},
      {"send({'guess': 1})\n", "a message of unknown type 'guess'"},
      {"send({'query': ['0101']})\n", "not a string of n=6 characters 0 and 1"},
      {"send({'query': ['01010x']})\n", "with character 'x' at 5"},
      {"send({'query_packed': ['40']})\n", "with bit 6 set, past its n=6 components"},
      {"send({'query': []})\n", "sent a query of no masks"},
      {"send({'explanation': {'basis': 'mobius', 'terms': [[[0, 6], 1.0]]}})\n",
       "returned term 0 naming component 6, not a whole number in [0, n=6)"},
      {"send({'explanation': {'basis': 'mobius', 'terms': [[[1, 0], 1.0], [[0, 1], 2.0]]}})\n",
       "returned term 1, [0,1], a second time"},
      {"send({'explanation': {'basis': 'mobius', 'terms': [[[2, 2], 1.0]]}})\n",
       "returned term 0 naming a component twice"},
      // A coefficient past a double's range (JSON has no infinity) is not JSON to the reader.
      {"send('{\"explanation\": {\"basis\": \"mobius\", \"terms\": [[[0], 1e999]]}}')\n",
       "sent a line that is not JSON"},
      {"send({'explanation': {'basis': 'taylor', 'terms': []}})\n",
       "whose basis is \"taylor\"; it must be \"fourier\" or \"mobius\""},
      {"send({'explanation': {'index': 'k-SII', 'order': 9, 'terms': []}})\n",
       "returned ksii values of order 9, outside [1, 6]"},
      {"send({'explanation': {'index': 'XYZ', 'order': 2, 'terms': []}})\n",
       "returned the values of an index named \"XYZ\", which spexbench does not know"},
      {"send({'explanation': {'index': 'FSII', 'order': 2, 'terms': [[[0, 1, 2], 1.0]]}})\n",
       "returned term 0, [0,1,2], of 3 components, above its index's order 2"},
      {"send({'error': 'ValueError: singular matrix'})\n", "failed: ValueError: singular matrix"},
      {"send({'query': ['000000']})\nreceive()\nsend({'infeasible': 'too late'})\n",
       "declared itself infeasible after 1 queries"},
      {"sys.exit(3)\n", "exited with status 3 before answering"},
  };
  for (const Case& c : cases) {
    const std::string error = error_of(inline_method(c.body));
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.body << " gave: " << error;
    EXPECT_NE(error.find("external.explainer: method '/usr/bin/python3 "), std::string::npos)
        << error;
  }
  const std::string version_two = inline_method(
      "send({'protocol': 'spexbench-explainer', 'version': 2})\n", 30, /*hello=*/false);
  EXPECT_NE(
      error_of(version_two).find("this build speaks protocol 'spexbench-explainer' version 1"),
      std::string::npos)
      << error_of(version_two);
}

TEST(ExternalExplainer, AnIndexOutputIsScoredAgainstTheExactIndexOnly) {
  // A method that returns the exact k-SII of order 2 of the task's function (shapiq's name for
  // it), computed from the exhaustive values: the index metrics of k-SII are perfect, those of
  // another index or order do not apply, and neither do the metrics that read a surrogate.
  const std::string method = inline_method(
      "import itertools\n"
      "n = problem['n']\n"
      "masks = [format(m, f'0{n}b')[::-1] for m in range(2 ** n)]\n"
      "send({'query': masks})\n"
      "f = receive()['values']\n"
      "a = list(f)\n"  // the Möbius transform, in place
      "for i in range(n):\n"
      "    for m in range(2 ** n):\n"
      "        if m >> i & 1: a[m] -= a[m ^ (1 << i)]\n"
      "sii = {}\n"
      "for s in range(2 ** n):\n"
      "    if bin(s).count('1') <= 2:\n"
      "        sii[s] = sum(a[t] / (bin(t).count('1') - bin(s).count('1') + 1)\n"
      "                     for t in range(2 ** n) if t & s == s)\n"
      "bern = [1, -0.5, 1 / 6]\n"
      "terms = [[[], f[0]]]\n"
      "for s in sii:\n"
      "    if s == 0: continue\n"
      "    value = sum(bern[bin(u).count('1') - bin(s).count('1')] * sii[u] for u in sii if u & s "
      "== s)\n"
      "    terms.append([[i for i in range(n) if s >> i & 1], value])\n"
      "send({'explanation': {'index': 'k-SII', 'order': 2, 'terms': terms}})\n");
  const CellResult cell = run_cell(
      {.task = "synthetic.soum:n=6,s=5,d=3",
       .explainer = method,
       .budget = 64,
       .metrics = {"index_mse:index=ksii", "index_kendall_tau:index=ksii", "index_mse:index=fsii",
                   "index_mse:index=ksii,order=1", "r2", "sv_mse"}});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.estimate_index, "ksii");
  EXPECT_EQ(cell.estimate_index_order, 2);
  ASSERT_NE(cell.metric("index_mse:index=ksii"), nullptr);
  EXPECT_LT(cell.metric("index_mse:index=ksii")->value, 1e-25);
  EXPECT_DOUBLE_EQ(cell.metric("index_kendall_tau:index=ksii")->value, 1.0);
  EXPECT_EQ(cell.metrics.size(), 2u) << "only the k-SII metrics of order 2 apply";
}

TEST(ExternalExplainer, AMethodThatDeclinesBeforeQueryingIsInfeasible) {
  const CellResult cell = run(inline_method("send({'infeasible': 'needs n <= 4'})\n"),
                              "synthetic.soum:n=6,s=4,d=2", 64);
  EXPECT_EQ(cell.status, CellStatus::kInfeasible);
  EXPECT_NE(cell.error.find("needs n <= 4"), std::string::npos) << cell.error;
}

TEST(ExternalExplainer, AHungMethodIsKilledWithEverythingItStarted) {
  const fs::path marker = fs::temp_directory_path() / "spexbench_method_orphan_marker";
  fs::remove(marker);
  const std::string method = inline_method(
      "import os, time\nos.system('(sleep 2; touch " + marker.string() + ") &')\ntime.sleep(60)\n",
      1.0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NE(error_of(method).find("did not answer within 1 s (killed)"), std::string::npos)
      << error_of(method);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 20);
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_FALSE(fs::exists(marker)) << "a process the method started outlived its cell";
}

TEST(ExternalExplainer, AMethodWritingMuchToStderrDoesNotBlockAndItsProgressIsShown) {
  // 20 MB on stderr (passed through: here into a file) before a valid answer.
  const fs::path log = fs::temp_directory_path() / "spexbench_method_stderr.log";
  const std::string method = inline_method(
      "sys.stderr.write('x' * 20_000_000)\nsys.stderr.flush()\n"
      "send({'progress': 'halfway'})\n"
      "send({'explanation': {'basis': 'fourier', 'terms': [[[], 1.5]], 'info': {'k': 3}}})\n");
  std::vector<std::string> stages;
  const int saved = dup(STDERR_FILENO);
  const int file = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(file, STDERR_FILENO);
  const CellResult cell =
      run_cell({.task = "synthetic.soum:n=6,s=4,d=2", .explainer = method, .budget = 64},
               [&](std::string_view stage) { stages.emplace_back(stage); });
  dup2(saved, STDERR_FILENO);
  close(file);
  close(saved);
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_GE(fs::file_size(log), 20'000'000u);
  EXPECT_NE(std::find(stages.begin(), stages.end(), "halfway"), stages.end());
  EXPECT_EQ(cell.estimate->size(), 1u);
  const std::vector<std::pair<std::string, std::string>> expected_info = {{"k", "3"},
                                                                          {"query_messages", "0"}};
  EXPECT_EQ(cell.explainer_info, expected_info);
  fs::remove(log);
}

}  // namespace
}  // namespace spexbench
