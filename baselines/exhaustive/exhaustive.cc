// exhaustive: the exact Fourier spectrum by brute force.
//
// Queries all 2^n masks (in integer order, in batches), then F = fwht(f) / 2^n (core/transforms.h).
// Cost: exactly 2^n queries and O(n 2^n) time; refused for n > 24. Coefficients below the
// cancellation floor 1e-11 max_x |f(x)| are dropped: a sum of 2^n rounded values cannot resolve
// them, and keeping them would turn every sparse spectrum into a dense one.
//
// It is the ground-truth oracle of the test suite (docs/architecture.md, "Tests and benchmarks")
// and the "Exact" row of a board.
#include <cmath>

#include "core/explainer.h"
#include "core/params.h"
#include "core/transforms.h"

namespace spexbench::baselines {
namespace {

constexpr int kMaxFeatures = 24;

struct ExhaustiveConfig {
  int batch = 65536;
  template <class V>
  void visit(V& v) {
    v("batch", batch,
      {.doc = "masks per oracle call", .min = 1, .max = 1 << 24, .execution_only = true});
  }
};

class Exhaustive final : public ConfiguredPlugin<Explainer, ExhaustiveConfig> {
 public:
  explicit Exhaustive(ExhaustiveConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    if (n > kMaxFeatures)
      return str_cat("n=", n, " exceeds the exhaustive limit of ", kMaxFeatures,
                     " (2^n queries and a 2^n table)");
    const std::int64_t needed = std::int64_t{1} << n;
    if (budget < needed)
      return str_cat("needs 2^", n, " = ", needed, " queries, budget is ", budget);
    return std::nullopt;
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext&) override {
    const int n = oracle.num_features();
    SPEXBENCH_CHECK(n <= kMaxFeatures, "exhaustive: n=", n, " exceeds ", kMaxFeatures);
    const std::size_t size = std::size_t{1} << n;
    std::vector<double> table(size);
    const auto batch = static_cast<std::size_t>(config_.batch);
    for (std::size_t first = 0; first < size; first += batch) {
      const std::size_t count = std::min(batch, size - first);
      oracle.query(enumerate_masks(n, first, count), std::span(table).subspan(first, count));
    }
    double largest = 0;
    for (const double v : table) largest = std::max(largest, std::abs(v));
    values_to_fourier(table);
    return SparsePolynomial::from_table(n, Basis::kFourier, table, 1e-11 * largest);
  }
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, Exhaustive, ExhaustiveConfig, "exhaustive",
                   "queries all 2^n masks (n <= 24) and returns the exact Fourier spectrum");

}  // namespace spexbench::baselines
