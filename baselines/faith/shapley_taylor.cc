// shapley_taylor: the Shapley-Taylor interaction index of order l (Sundararajan, Dhamdhere,
// Agarwal, "The Shapley Taylor Interaction Index", ICML 2020).
//
//   STII(S) = delta_S f(∅) = a(S)                            for |S| < l
//   STII(S) = E_pi [ delta_S f(T_pi(S)) ]                    for |S| = l,
// where delta_S f(T) = sum_{W ⊆ S} (-1)^{|S|-|W|} f(T ∪ W) and T_pi(S) is the set of elements
// preceding every element of S in a uniformly random permutation pi (the paper's permutation
// characterisation; order 1 gives the Shapley values).
//
// Estimator: the lower orders exactly, from f on every set of size < l; the top order by Monte
// Carlo over permutations, each permutation's sets T_pi(S) ∪ W queried once and cached. It runs
// as many permutations as the budget allows.
// Queries: sum_{k<l} C(n, k), then the new sets of each permutation. Minimum: that plus one
// permutation. Not run where the published rule says so.
#include <unordered_map>

#include "baselines/common/infeasibility.h"
#include "core/explainer.h"
#include "core/regression/design.h"
#include "core/rng.h"

namespace spexbench::baselines {
namespace {

struct ShapleyTaylorConfig {
  int order = 2;
  template <class V>
  void visit(V& v) {
    v("order", order, {.doc = "interaction order l", .min = 1, .max = 4});
  }
};

struct RowHash {
  std::size_t operator()(const std::vector<std::uint64_t>& row) const {
    std::uint64_t h = 0x2545f4914f6cdd1dULL;
    for (const auto w : row) h = splitmix64(h ^ w);
    return h;
  }
};
using ValueCache = std::unordered_map<std::vector<std::uint64_t>, double, RowHash>;
using Key = std::vector<std::uint64_t>;

Key key_of(int n, const std::vector<std::uint32_t>& members) {
  Key key(words_for(n), 0);
  for (const std::uint32_t i : members) key[i / 64] |= std::uint64_t{1} << (i % 64);
  return key;
}

/// Calls visit(S as positions in `order`, T = order[0..first)) for every S of size l, S listed by
/// positions with S[0] the earliest.
template <class Visit>
void for_each_top_set(int n, int l, Visit visit) {
  std::vector<int> positions(static_cast<std::size_t>(l));
  auto extend = [&](auto&& self, int depth, int start) -> void {
    if (depth == l) {
      visit(positions);
      return;
    }
    for (int p = start; p < n; ++p) {
      positions[static_cast<std::size_t>(depth)] = p;
      self(self, depth + 1, p + 1);
    }
  };
  extend(extend, 0, 0);
}

/// The sets T ∪ W one permutation needs, as member lists of the permutation's order.
std::vector<Key> permutation_sets(int n, int l, const std::vector<std::uint32_t>& order) {
  std::vector<Key> sets;
  std::vector<std::uint32_t> members;
  for_each_top_set(n, l, [&](const std::vector<int>& positions) {
    for (std::uint32_t w = 0; w < (1U << l); ++w) {
      members.assign(order.begin(), order.begin() + positions[0]);
      for (int j = 0; j < l; ++j)
        if ((w >> j) & 1U)
          members.push_back(
              order[static_cast<std::size_t>(positions[static_cast<std::size_t>(j)])]);
      sets.push_back(key_of(n, members));
    }
  });
  return sets;
}

class ShapleyTaylor final : public ConfiguredPlugin<Explainer, ShapleyTaylorConfig> {
 public:
  explicit ShapleyTaylor(ShapleyTaylorConfig config) : ConfiguredPlugin(std::move(config)) {}

  std::optional<std::string> infeasible(int n, std::int64_t budget) const override {
    if (auto reason = interaction_infeasible(config_.order, n)) return reason;
    return budget_below(budget, minimum_budget(n),
                        "every set of size < l plus one permutation's sets");
  }

  SparsePolynomial explain(Oracle& oracle, const RunContext& ctx) override {
    const int n = oracle.num_features();
    const int l = config_.order;
    ValueCache cache;
    auto query_new = [&](const std::vector<Key>& keys) {
      MaskBatch batch(0, n);
      std::vector<const Key*> fresh;
      for (const Key& key : keys) {
        if (cache.contains(key)) continue;
        cache.emplace(key, 0.0);
        batch.push_back(key);
        fresh.push_back(&key);
      }
      const std::vector<double> values = oracle.query(batch);
      for (std::size_t r = 0; r < fresh.size(); ++r) cache[*fresh[r]] = values[r];
    };

    // Lower orders: f on every set of size < l, then Möbius coefficients by inclusion-exclusion.
    const TermList lower = sets_up_to(n, l - 1);
    std::vector<Key> lower_keys;
    for (const auto& set : lower) lower_keys.push_back(key_of(n, set));
    query_new(lower_keys);
    SparsePolynomial out(n, Basis::kMobius);
    for (const auto& set : lower) {
      double a = 0;
      const auto size = static_cast<std::uint32_t>(set.size());
      for (std::uint32_t w = 0; w < (1U << size); ++w) {
        std::vector<std::uint32_t> members;
        for (std::uint32_t j = 0; j < size; ++j)
          if ((w >> j) & 1U) members.push_back(set[j]);
        a += ((size - static_cast<std::uint32_t>(members.size())) % 2 ? -1.0 : 1.0) *
             cache.at(key_of(n, members));
      }
      if (a != 0.0) out.add_term(set, a);
    }

    // Top order: Monte Carlo over permutations while the next one's new sets fit the budget.
    const TermList top = sets_up_to(n, l);
    std::unordered_map<Key, std::size_t, RowHash> top_index;
    for (std::size_t t = lower.size(); t < top.size(); ++t) top_index.emplace(key_of(n, top[t]), t);
    std::vector<double> sums(top.size(), 0.0);
    Rng rng(derive_seed(ctx.seed, "shapley_taylor"));
    std::int64_t permutations = 0;
    while (true) {
      const auto order = rng.sample_without_replacement(static_cast<std::uint32_t>(n),
                                                        static_cast<std::uint32_t>(n));
      const std::vector<Key> needed = permutation_sets(n, l, order);
      std::int64_t fresh = 0;
      std::unordered_map<Key, bool, RowHash> seen;
      for (const Key& key : needed)
        if (!cache.contains(key) && seen.emplace(key, true).second) ++fresh;
      if (fresh > oracle.remaining()) break;
      query_new(needed);
      ++permutations;
      std::size_t next = 0;
      for_each_top_set(n, l, [&](const std::vector<int>& positions) {
        double delta = 0;
        for (std::uint32_t w = 0; w < (1U << l); ++w)
          delta += ((l - std::popcount(w)) % 2 ? -1.0 : 1.0) * cache.at(needed[next++]);
        std::vector<std::uint32_t> members;
        for (const int p : positions) members.push_back(order[static_cast<std::size_t>(p)]);
        sums[top_index.at(key_of(n, members))] += delta;
      });
      // Once every set is cached, further permutations are free; stop at a fixed count.
      if (fresh == 0 && permutations > 64 * static_cast<std::int64_t>(top.size())) break;
    }
    for (std::size_t t = lower.size(); t < top.size(); ++t)
      if (permutations > 0 && sums[t] != 0.0)
        out.add_term(top[t], sums[t] / static_cast<double>(permutations));
    out.canonicalize();
    info_ = {{"permutations", std::to_string(permutations)}};
    return out;
  }

  std::vector<std::pair<std::string, std::string>> run_info() const override { return info_; }

 private:
  std::int64_t minimum_budget(int n) const {
    const int l = config_.order;
    std::vector<std::uint32_t> identity(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
      identity[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(i);
    std::unordered_map<Key, bool, RowHash> distinct;
    std::int64_t top_sets = 0;
    for (const Key& key : permutation_sets(n, l, identity)) {
      int size = 0;
      for (const auto w : key) size += std::popcount(w);
      if (size >= l && distinct.emplace(key, true).second) ++top_sets;
    }
    return static_cast<std::int64_t>(count_sets_up_to(n, l - 1)) + top_sets;
  }

  std::vector<std::pair<std::string, std::string>> info_;
};

}  // namespace

SPEXBENCH_REGISTER(Explainer, ShapleyTaylor, ShapleyTaylorConfig, "shapley_taylor",
                   "Shapley-Taylor interaction index of order l by permutation sampling");

}  // namespace spexbench::baselines
