#include "baselines/common/shapley_kernel_design.h"

#include <cmath>
#include <unordered_map>

#include "core/error.h"

namespace spexbench::baselines {
namespace {

double log_binomial(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

struct RowHash {
  std::size_t operator()(const std::vector<std::uint64_t>& row) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (const auto w : row) h = splitmix64(h ^ w);
    return h;
  }
};

}  // namespace

double shapley_kernel_weight(int n, int s) {
  if (s <= 0 || s >= n) return 0.0;
  return (n - 1.0) / (static_cast<double>(s) * (n - s)) * std::exp(-log_binomial(n, s));
}

WeightedCoalitions shapley_kernel_coalitions(int n, std::int64_t queries, Rng& rng) {
  WeightedCoalitions out;
  if (n <= 30 && (std::int64_t{1} << n) - 2 <= queries) {
    const std::size_t count = (std::size_t{1} << n) - 2;
    out.masks = enumerate_masks(n, 1, count);
    out.weights.resize(count);
    for (std::size_t r = 0; r < count; ++r)
      out.weights[r] = shapley_kernel_weight(n, out.masks.count_kept(r));
    out.exhaustive = true;
    return out;
  }
  SPEXBENCH_ASSERT(n >= 2);
  // Size distribution q(s) proportional to (n - 1) / (s (n - s)), as a cumulative table.
  std::vector<double> cumulative(static_cast<std::size_t>(n), 0.0);
  for (int s = 1; s < n; ++s)
    cumulative[static_cast<std::size_t>(s)] =
        cumulative[static_cast<std::size_t>(s - 1)] + 1.0 / (static_cast<double>(s) * (n - s));
  const double total = cumulative.back();

  out.masks = MaskBatch(0, n);
  std::unordered_map<std::vector<std::uint64_t>, std::size_t, RowHash> index;
  MaskBatch pair(2, n);
  const std::int64_t max_draws = 64 * std::max<std::int64_t>(queries, 1);
  for (std::int64_t draw = 0;
       draw < max_draws && static_cast<std::int64_t>(index.size()) + 2 <= queries; ++draw) {
    const double u = rng.uniform() * total;
    int s = 1;
    while (s < n - 1 && cumulative[static_cast<std::size_t>(s)] < u) ++s;
    std::fill(pair.words().begin(), pair.words().end(), 0);
    for (const auto i : rng.sample_without_replacement(static_cast<std::uint32_t>(n),
                                                       static_cast<std::uint32_t>(s)))
      pair.set(0, static_cast<int>(i), true);
    for (int i = 0; i < n; ++i) pair.set(1, i, !pair.get(0, i));
    for (std::size_t r = 0; r < 2; ++r) {
      std::vector<std::uint64_t> key(pair.row(r).begin(), pair.row(r).end());
      const auto [it, inserted] = index.emplace(std::move(key), out.weights.size());
      if (inserted) {
        out.masks.push_back(pair.row(r));
        out.weights.push_back(1.0);
      } else {
        out.weights[it->second] += 1.0;
      }
    }
  }
  return out;
}

}  // namespace spexbench::baselines
