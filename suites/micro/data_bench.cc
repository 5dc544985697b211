// data.subsets' inner loop: one logistic regression fit, 1,000 rows x 20 features (issue figure:
// under 5 ms).
#include <benchmark/benchmark.h>

#include "core/rng.h"
#include "datasets/data/logistic_regression.h"

namespace spexbench {
namespace {

void BM_LogisticFit(benchmark::State& state) {
  const auto rows = static_cast<Eigen::Index>(state.range(0));
  Rng rng(1);
  Eigen::MatrixXd x(rows, 20);
  std::vector<int> y(static_cast<std::size_t>(rows));
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (int j = 0; j < 20; ++j) x(r, j) = rng.normal();
    y[static_cast<std::size_t>(r)] = x(r, 0) + rng.normal() > 0;
  }
  std::vector<std::size_t> all(static_cast<std::size_t>(rows));
  for (std::size_t r = 0; r < all.size(); ++r) all[r] = r;
  for (auto _ : state) {
    const data::LogisticModel model = data::fit_logistic(x, y, all, 2);
    benchmark::DoNotOptimize(model.bias.data());
  }
}
BENCHMARK(BM_LogisticFit)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace spexbench
