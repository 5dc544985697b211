// The cost of external.explainer's protocol per query: a trivial NumPy method
// (baselines/external/examples/uniform_mean.py) that spends the budget on uniform masks, K per
// message, against the same loop in-process through the same oracle. Each side's algorithm time
// (wall minus the oracle's model time) is measured at two budgets, and the per-query cost is the
// slope between them, so Python's start-up and NumPy's import are not counted as per-query cost.
//
//   spexbench_micro --benchmark_filter=ExternalExplainer
//   counters: external_us and in_process_us per query, and their difference (the protocol's cost)
#include <benchmark/benchmark.h>

#include "core/explainer.h"
#include "core/oracle.h"
#include "core/rng.h"
#include "core/stopwatch.h"
#include "core/task.h"

namespace spexbench {
namespace {

constexpr const char* kTask = "synthetic.soum:n=10,s=10,d=3";

/// Algorithm seconds of the uniform-mean method in another process.
double external_seconds(Task& task, int batch, std::int64_t budget) {
  const auto explainer = ExplainerRegistry::global().create(
      "external.explainer:command=\"/usr/bin/python3 " SPEXBENCH_SOURCE_DIR
      "/baselines/external/examples/uniform_mean.py --batch " +
      std::to_string(batch) + "\"");
  Oracle oracle(task, {.budget = budget});
  const Stopwatch wall;
  const SparsePolynomial result = explainer->explain(oracle, {.seed = 2, .budget = budget});
  benchmark::DoNotOptimize(result.size());
  return wall.seconds() - oracle.counts().model_seconds;
}

/// Algorithm seconds of the same method in this process.
double in_process_seconds(Task& task, int batch, std::int64_t budget) {
  Oracle oracle(task, {.budget = budget});
  Rng rng(2);
  const Stopwatch wall;
  double total = 0;
  for (std::int64_t done = 0; done < budget; done += batch) {
    const auto count = static_cast<std::size_t>(std::min<std::int64_t>(batch, budget - done));
    for (const double value : oracle.query(uniform_masks(count, task.num_features(), rng)))
      total += value;
  }
  benchmark::DoNotOptimize(total);
  return wall.seconds() - oracle.counts().model_seconds;
}

void ExternalExplainerPerQuery(benchmark::State& state) {
  const int batch = static_cast<int>(state.range(0));
  const std::int64_t budget = batch == 1 ? 10000 : 100000;
  const auto task = TaskRegistry::global().create(kTask, {.seed = 1});
  double external = 0, in_process = 0;
  for (auto _ : state) {
    external =
        (external_seconds(*task, batch, 2 * budget) - external_seconds(*task, batch, budget)) /
        static_cast<double>(budget);
    in_process =
        (in_process_seconds(*task, batch, 2 * budget) - in_process_seconds(*task, batch, budget)) /
        static_cast<double>(budget);
    state.SetIterationTime(external);
  }
  state.counters["external_us"] = external * 1e6;
  state.counters["in_process_us"] = in_process * 1e6;
  state.counters["protocol_us"] = (external - in_process) * 1e6;
}
BENCHMARK(ExternalExplainerPerQuery)
    ->Arg(1)
    ->Arg(64)
    ->Arg(1024)
    ->Iterations(3)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace spexbench
