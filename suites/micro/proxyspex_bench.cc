// ProxySPEX's two costly stages apart, on the complete hierarchy's masks and values: the proxy's
// cross-validated grid search (XGBoost) and the refits on its spectrum.
//
//   spexbench_micro --benchmark_filter=ProxySpex
//
// ProxySpex/grid/default is the speed issue's figure: the full default grid (depths 3/5, rates
// 0.01/0.1, up to 5,000 trees, 5 folds) at n = 128 on 4,000 masks, 2 threads.
#include <benchmark/benchmark.h>

#include <string>

#include "algorithms/proxyspex/grid_search.h"
#include "algorithms/proxyspex/lasso_refit.h"
#include "algorithms/proxyspex/sparse_refit.h"
#include "algorithms/proxyspex/tree_spectrum.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench::proxyspex {
namespace {

struct Sample {
  MaskBatch masks{0, 0};
  std::vector<double> values;
};

Sample sample(int n, std::size_t rows) {
  const auto task =
      TaskRegistry::global().create(str_cat("synthetic.hierarchical:n=", n), {.seed = 1});
  Rng rng(2);
  Sample out{uniform_masks(rows, n, rng), std::vector<double>(rows)};
  task->evaluate(out.masks, out.values);
  return out;
}

void grid(benchmark::State& state, const std::string& preset, int n, std::size_t rows) {
  const Sample data = sample(n, rows);
  ProxySpexConfig config;
  config.grid = preset == "fast" ? GridPreset::kFast : GridPreset::kDefault;
  const Grid points = grid_of(config);
  double cv_r2 = 0;
  for (auto _ : state) cv_r2 = grid_search(data.masks, data.values, points, 5, 2, 3).best_cv_r2;
  state.counters["cv_r2"] = cv_r2;
}

/// The refit alone, on the spectrum of a depth-5 booster (fast preset's 300 trees) on every mask.
void refit(benchmark::State& state, Refit kind, int n, std::size_t rows) {
  const Sample data = sample(n, rows);
  const BoosterParams params{5, 0.1, 300, 2, 3};
  const Booster booster(data.masks, data.values, params);
  const SparsePolynomial spectrum = tree_spectrum(booster.model_json(), n);
  ProxySpexConfig config;
  config.refit = kind;
  std::size_t terms = 0;
  for (auto _ : state) {
    if (is_lasso(kind)) {
      terms = lasso_refit(data.masks, data.values, spectrum, config, params, 2).polynomial.size();
    } else {
      terms = sparse_refit(data.masks, data.values, spectrum, config).polynomial.size();
    }
  }
  state.counters["spectrum_terms"] = static_cast<double>(spectrum.size());
  state.counters["kept_terms"] = static_cast<double>(terms);
}

const bool kRegistered = [] {
  benchmark::RegisterBenchmark("ProxySpex/grid/default/n128/4000",
                               [](benchmark::State& state) { grid(state, "default", 128, 4000); })
      ->Iterations(1)
      ->Unit(benchmark::kSecond);
  benchmark::RegisterBenchmark("ProxySpex/grid/fast/n128/4000", [](benchmark::State& state) {
    grid(state, "fast", 128, 4000);
  })->Unit(benchmark::kSecond);
  benchmark::RegisterBenchmark("ProxySpex/refit/ridge/n128/4000", [](benchmark::State& state) {
    refit(state, Refit::kRidge, 128, 4000);
  })->Unit(benchmark::kSecond);
  benchmark::RegisterBenchmark(
      "ProxySpex/refit/adaptive_lasso/n256/3533",
      [](benchmark::State& state) { refit(state, Refit::kAdaptiveLasso, 256, 3533); })
      ->Iterations(1)
      ->Unit(benchmark::kSecond);
  return true;
}();

}  // namespace
}  // namespace spexbench::proxyspex
