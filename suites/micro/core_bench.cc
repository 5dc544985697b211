// Hot kernels of core/: fast transforms, polynomial evaluation, an oracle round trip, the ±1
// LassoCV of the ProxySPEX lasso refits and its column kernels.
#include <benchmark/benchmark.h>

#include "core/oracle.h"
#include "core/regression/sign_kernels.h"
#include "core/regression/sign_lasso.h"
#include "core/regression/symmetric_eigen.h"
#include "core/rng.h"
#include "core/sparse_polynomial.h"
#include "core/task.h"
#include "core/transforms.h"

namespace spexbench {
namespace {

std::vector<double> random_table(int n) {
  Rng rng(1);
  std::vector<double> table(std::size_t{1} << n);
  for (double& x : table) x = rng.uniform(-1, 1);
  return table;
}

void BM_Fwht(benchmark::State& state) {
  std::vector<double> table = random_table(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    fwht(table);
    benchmark::DoNotOptimize(table.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(table.size()));
}
BENCHMARK(BM_Fwht)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond);

void BM_Mobius(benchmark::State& state) {
  std::vector<double> table = random_table(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    mobius(table);
    benchmark::DoNotOptimize(table.data());
  }
}
BENCHMARK(BM_Mobius)->Arg(20)->Unit(benchmark::kMillisecond);

SparsePolynomial random_polynomial(int n, int terms, int degree, Basis basis, Rng& rng) {
  SparsePolynomial poly(n, basis);
  for (int t = 0; t < terms; ++t) {
    auto features = rng.sample_without_replacement(
        static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(1 + rng.below(degree)));
    std::sort(features.begin(), features.end());
    poly.add_term(features, rng.uniform(-1, 1));
  }
  poly.canonicalize();
  return poly;
}

// The foundation issue's figure: 1,000 terms on 10,000 masks at n = 1,024 in under 50 ms.
void BM_PolynomialEvaluate(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const int terms = static_cast<int>(state.range(1));
  const Basis basis = state.range(2) == 0 ? Basis::kFourier : Basis::kMobius;
  Rng rng(7);
  const SparsePolynomial poly = random_polynomial(n, terms, 5, basis, rng);
  const MaskBatch masks = uniform_masks(10000, n, rng);
  std::vector<double> out(masks.rows());
  for (auto _ : state) {
    poly.evaluate(masks, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetLabel(basis == Basis::kFourier ? "fourier" : "mobius");
}
BENCHMARK(BM_PolynomialEvaluate)
    ->Args({1024, 1000, 0})
    ->Args({1024, 1000, 1})
    ->Args({64, 1000, 0})
    ->Unit(benchmark::kMillisecond);

class PolynomialTask final : public Task {
 public:
  explicit PolynomialTask(SparsePolynomial poly) : poly_(std::move(poly)) {}
  int num_features() const override { return poly_.num_features(); }
  void evaluate(const MaskBatch& masks, std::span<double> out) override {
    poly_.evaluate(masks, out);
  }
  std::string spec() const override { return "bench.polynomial"; }

 private:
  SparsePolynomial poly_;
};

// Oracle overhead: counting, unique tracking and budget checks around a cheap value function.
void BM_OracleRoundTrip(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Rng rng(3);
  PolynomialTask task(random_polynomial(n, 50, 4, Basis::kFourier, rng));
  const MaskBatch masks = uniform_masks(4096, n, rng);
  std::vector<double> out(masks.rows());
  for (auto _ : state) {
    state.PauseTiming();
    Oracle oracle(task, {.budget = 1 << 20});
    state.ResumeTiming();
    oracle.query(masks, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * 4096);
}
BENCHMARK(BM_OracleRoundTrip)->Arg(20)->Arg(1024)->Unit(benchmark::kMicrosecond);

// A full LassoCV path (5 folds, 100 penalties) on rows x columns random signs, 200 planted
// columns, penalty factors in [1, 10] as the adaptive refit's; the third argument turns the
// gradient screening on (1) or off (0).
void BM_SignLassoCv(benchmark::State& state) {
  const std::int64_t rows = state.range(0), columns = state.range(1);
  const bool screening = state.range(2) != 0;
  Rng rng(3);
  SignMatrix x(rows, columns);
  for (std::int64_t j = 0; j < columns; ++j)
    for (std::int64_t i = 0; i < rows; ++i) x.set(i, j, rng.uniform(0.0, 1.0) < 0.5 ? -1 : 1);
  std::vector<double> y(static_cast<std::size_t>(rows)), penalty(static_cast<std::size_t>(columns));
  for (std::int64_t j = 0; j < 200; ++j) {
    const double w = rng.uniform(-1.0, 1.0);
    for (std::int64_t i = 0; i < rows; ++i) y[static_cast<std::size_t>(i)] += w * x(i, j);
  }
  for (double& p : penalty) p = rng.uniform(1.0, 10.0);
  for (auto _ : state)
    benchmark::DoNotOptimize(sign_lasso_cv(x, y, penalty, {.screening = screening}));
}
BENCHMARK(BM_SignLassoCv)
    ->Args({1536, 4096, 1})
    ->Args({1536, 4096, 0})
    ->Args({6144, 4096, 1})
    ->Args({6144, 4096, 0})
    ->Unit(benchmark::kSecond);

// The LASSO's inner product of a ±1 column with the residual, 8,832 rows (n = 256 sentiment at
// SPEX's b = 6 budget), with each instruction set this CPU has: 0 portable, 1 SSE2, 2 AVX2.
void BM_SignDot(benchmark::State& state) {
  const auto isa = static_cast<sign_kernels::Isa>(state.range(0));
  if (isa > sign_kernels::best_isa()) {
    state.SkipWithError("this CPU lacks the instruction set");
    return;
  }
  constexpr std::int64_t kRows = 8832;
  Rng rng(4);
  std::vector<std::uint8_t> bits(kRows / 8);
  for (auto& byte : bits) byte = static_cast<std::uint8_t>(rng.uniform() * 256);
  std::vector<double> v(kRows);
  for (double& x : v) x = rng.uniform(-1, 1);
  for (auto _ : state)
    benchmark::DoNotOptimize(sign_kernels::dot(bits.data(), v.data(), 0, kRows, isa));
  state.SetItemsProcessed(state.iterations() * kRows);
}
BENCHMARK(BM_SignDot)->DenseRange(0, 2)->Unit(benchmark::kMicrosecond);

// The ridge refit's eigendecomposition: the Gram matrix of 4,000 x k random signs (k = 2,000 is
// the fast preset's limit on kept terms at 4,000 masks, and about the largest kept set of the
// proxyspex-speed suite), by LAPACK (what ridge_cv uses) and by
// Eigen's SelfAdjointEigenSolver; compare the two in one run.
Eigen::MatrixXd random_sign_gram(Eigen::Index k) {
  Rng rng(5);
  Eigen::MatrixXd x(4000, k);
  for (Eigen::Index j = 0; j < k; ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i) x(i, j) = rng.uniform() < 0.5 ? -1.0 : 1.0;
  return x.transpose() * x;
}
void BM_SymmetricEigen(benchmark::State& state) {
  const Eigen::MatrixXd gram = random_sign_gram(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(symmetric_eigen(gram));
}
BENCHMARK(BM_SymmetricEigen)->Arg(2000)->Unit(benchmark::kMillisecond);
void BM_EigenSelfAdjointSolver(benchmark::State& state) {
  const Eigen::MatrixXd gram = random_sign_gram(state.range(0));
  for (auto _ : state)
    benchmark::DoNotOptimize(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(gram).eigenvalues());
}
BENCHMARK(BM_EigenSelfAdjointSolver)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace spexbench
