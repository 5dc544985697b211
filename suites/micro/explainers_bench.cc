// Algorithm time of every explainer (value-function time excluded), registered by looping over a
// table of cases (faiss perf_tests pattern): each case runs the real explainer through a real
// oracle on a synthetic task and reports explain() wall time minus the oracle's model time.
//
//   spexbench_micro --benchmark_filter=Explainer/spex     (names: Explainer/EXPLAINER/TASK)
#include <benchmark/benchmark.h>

#include "core/explainer.h"
#include "core/oracle.h"
#include "core/stopwatch.h"
#include "core/task.h"

namespace spexbench {
namespace {

struct ExplainerCase {
  const char* explainer;
  const char* task;
  std::int64_t budget;
};

// SPEX issue figure: n = 1024, s = 64, d = 5, b = 8 (43,008 queries), soft decoder, <= 0.2 s.
constexpr ExplainerCase kCases[] = {
    {"spex:b=8", "synthetic.sparse_fourier:n=1024,s=64,d=5", 43008},
    {"spex:b=8,decoder=hard", "synthetic.sparse_fourier:n=1024,s=64,d=5", 43008},
    {"spex:b=4", "synthetic.sparse_fourier:n=512,s=64,d=5", 2448},
    // Scale-out issue figure: SPEX at the largest n of the BCH codes, t = 5 over GF(2^19):
    // n = 524,192, s = 256, exact recovery within 10 s of algorithm time and 2 GiB.
    {"spex:b=8", "synthetic.sparse_fourier:n=65536,s=64,d=5", 66048},
    {"spex:b=8", "synthetic.sparse_fourier:n=524192,s=256,d=5", 73728},
    {"exhaustive", "synthetic.sparse_fourier:n=16,s=50,d=4", 65536},
    // Baselines issue figure: each at n = 256 with 10,000 queries in under 1 s (interaction
    // baselines at the orders the published rule allows there, i.e. order 1).
    {"lime", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"lasso", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"kernel_shap", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"permutation_shapley", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"banzhaf", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"banzhaf:method=regression", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"faith_banzhaf:order=1", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"faith_shap:order=1", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"shapley_taylor:order=1", "synthetic.sparse_fourier:n=256,s=64,d=3", 10000},
    {"faith_shap:order=2", "synthetic.sparse_fourier:n=48,s=64,d=3", 10000},
};

void run_case(benchmark::State& state, const ExplainerCase& c) {
  const auto task = TaskRegistry::global().create(c.task, {.seed = 1});
  const auto explainer = ExplainerRegistry::global().create(c.explainer);
  std::int64_t queries = 0;
  for (auto _ : state) {
    Oracle oracle(*task, {.budget = c.budget});
    const Stopwatch explain_time;
    const SparsePolynomial result = explainer->explain(oracle, {.seed = 2, .budget = c.budget});
    const double wall = explain_time.seconds();
    benchmark::DoNotOptimize(result.size());
    state.SetIterationTime(wall - oracle.counts().model_seconds);
    queries = oracle.counts().total;
  }
  state.counters["queries"] = static_cast<double>(queries);
  state.SetLabel(c.task);
}

const bool kRegistered = [] {
  for (const ExplainerCase& c : kCases) {
    benchmark::RegisterBenchmark((std::string("Explainer/") + c.explainer + "/" + c.task).c_str(),
                                 [c](benchmark::State& state) { run_case(state, c); })
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
}  // namespace spexbench
