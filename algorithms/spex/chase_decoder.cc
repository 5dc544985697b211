#include "algorithms/spex/chase_decoder.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <tuple>

#include "core/error.h"

namespace spexbench::spex {

std::vector<std::uint64_t> smallest_subset_sums(std::span<const double> costs, std::size_t count) {
  SPEXBENCH_ASSERT(costs.size() <= 63);
  std::vector<std::uint64_t> out;
  if (count == 0) return out;
  out.push_back(0);
  if (costs.empty()) return out;
  // Every nonempty subset is reached exactly once from {0} by the two moves "add the next index"
  // and "replace the last index by the next", both of which never decrease the sum.
  using Node = std::tuple<double, std::uint64_t, std::size_t>;  // sum, mask, last index
  std::priority_queue<Node, std::vector<Node>, std::greater<>> frontier;
  frontier.emplace(costs[0], 1, 0);
  while (out.size() < count && !frontier.empty()) {
    const auto [sum, mask, last] = frontier.top();
    frontier.pop();
    out.push_back(mask);
    if (last + 1 < costs.size()) {
      const std::uint64_t next = std::uint64_t{1} << (last + 1);
      frontier.emplace(sum + costs[last + 1], mask | next, last + 1);
      frontier.emplace(sum - costs[last] + costs[last + 1],
                       (mask & ~(std::uint64_t{1} << last)) | next, last + 1);
    }
  }
  return out;
}

Parity hard_decision(std::span<const double> reliability) {
  Parity y;
  for (std::size_t p = 0; p < reliability.size(); ++p)
    if (reliability[p] < 0) y.set(static_cast<int>(p));
  return y;
}

ChaseDecoder::ChaseDecoder(const BchCode& code, int depth)
    : code_(code), depth_(std::min(depth, code.parity_bits())) {
  SPEXBENCH_CHECK(depth >= 0 && depth <= 63, "spex: chase_depth=", depth, " outside [0, 63]");
}

BchCode::Decoded ChaseDecoder::decode(std::span<const double> reliability) const {
  const BchCode::Syndromes base = code_.syndromes(hard_decision(reliability));
  if (auto decoded = code_.decode(base)) return *decoded;

  std::vector<int> order(reliability.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return std::abs(reliability[static_cast<std::size_t>(a)]) <
           std::abs(reliability[static_cast<std::size_t>(b)]);
  });
  const auto depth = static_cast<std::size_t>(depth_);
  std::vector<double> costs(depth);
  for (std::size_t i = 0; i < depth; ++i)
    costs[i] = std::abs(reliability[static_cast<std::size_t>(order[i])]);
  const std::vector<std::uint64_t> patterns = smallest_subset_sums(costs, depth * (depth + 1) / 2);

  std::optional<BchCode::Decoded> best;
  std::vector<std::vector<std::uint32_t>> seen;
  for (std::size_t k = 1; k < patterns.size(); ++k) {  // pattern 0 is the failed hard decision
    BchCode::Syndromes flipped = base;
    for (std::uint64_t mask = patterns[k]; mask != 0; mask &= mask - 1)
      code_.flip(flipped, order[static_cast<std::size_t>(std::countr_zero(mask))]);
    auto decoded = code_.decode(flipped);
    if (!decoded) continue;
    if (std::find(seen.begin(), seen.end(), decoded->features) != seen.end()) continue;
    seen.push_back(decoded->features);
    if (!best || decoded->errors < best->errors) best = std::move(decoded);
  }
  if (best) return *best;
  return {{}, -1};
}

}  // namespace spexbench::spex
