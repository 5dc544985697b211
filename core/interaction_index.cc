#include "core/interaction_index.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <vector>

#include "core/error.h"
#include "core/transforms.h"

namespace spexbench {
namespace {

double binomial(int n, int k) {
  if (k < 0 || k > n) return 0.0;
  double out = 1;
  for (int i = 1; i <= k; ++i) out = out * (n - k + i) / i;
  return out;
}

/// Bernoulli numbers B_0 .. B_m with B_1 = -1/2: B_m = -1/(m+1) sum_{k<m} C(m+1, k) B_k.
std::vector<double> bernoulli_numbers(int m) {
  std::vector<double> b(static_cast<std::size_t>(m) + 1, 0.0);
  b[0] = 1.0;
  for (int j = 1; j <= m; ++j) {
    double sum = 0;
    for (int k = 0; k < j; ++k) sum += binomial(j + 1, k) * b[static_cast<std::size_t>(k)];
    b[static_cast<std::size_t>(j)] = -sum / (j + 1);
  }
  return b;
}

/// Weight with which a(T) (|T| = t) enters the index of a subset S of T with |S| = s, l = order.
double weight(InteractionIndex index, int t, int s, int l) {
  switch (index) {
    case InteractionIndex::kKsii: {
      // k-SII(S) = sum_{U ⊇ S, |U| <= l} B_{|U|-|S|} SII(U) for 1 <= |S| <= l, and f(∅) at ∅:
      // a(T) reaches S through each U between them, C(t - s, j) of them with |U| = s + j.
      if (s == 0) return t == 0 ? 1.0 : 0.0;
      const std::vector<double> b = bernoulli_numbers(l);
      double w = 0;
      for (int j = 0; j <= std::min(l, t) - s; ++j)
        w += binomial(t - s, j) * b[static_cast<std::size_t>(j)] / (t - s - j + 1);
      return w;
    }
    case InteractionIndex::kSii:
      return 1.0 / (t - s + 1);
    case InteractionIndex::kBii:
      return std::ldexp(1.0, s - t);
    case InteractionIndex::kStii:
      if (s < l) return t == s ? 1.0 : 0.0;
      return 1.0 / binomial(t, l);
    case InteractionIndex::kShapley:
    case InteractionIndex::kFsii:
      if (t == s) return 1.0;
      if (t <= l) return 0.0;
      return ((l - s) % 2 ? -1.0 : 1.0) * (static_cast<double>(s) / (s + l)) * binomial(l, s) *
             binomial(t - 1, l) / binomial(t + l - 1, l + s);
    case InteractionIndex::kBanzhaf:
    case InteractionIndex::kFbii:
      if (t == s) return 1.0;
      if (t <= l) return 0.0;
      return ((l - s) % 2 ? -1.0 : 1.0) * std::ldexp(1.0, s - t) * binomial(t - s - 1, l - s);
  }
  return 0.0;
}

}  // namespace

std::string_view index_name(InteractionIndex index) { return enum_name(index); }

InteractionIndex parse_index(std::string_view name) {
  return parse_enum<InteractionIndex>(name, "interaction index");
}

int index_order(InteractionIndex index, int order) {
  return index == InteractionIndex::kShapley || index == InteractionIndex::kBanzhaf ? 1 : order;
}

SparsePolynomial interaction_index(const SparsePolynomial& f, InteractionIndex index, int order) {
  const int n = f.num_features();
  const int l = index_order(index, order);
  SPEXBENCH_CHECK(l >= 1 && l <= n, index_name(index), ": order=", l, " must be in [1, n=", n, "]");
  const SparsePolynomial a = f.to_basis(Basis::kMobius);

  // Visits: subsets of size <= l of every term. Above (l + 1) n 2^n, superset sums over a dense
  // table are cheaper: I(S) = G_s(S) with G_s = superset_sum(a(T) weight(|T|, s)), s = |S|.
  double visits = 0;
  for (std::size_t term = 0; term < a.size(); ++term)
    for (int s = 0; s <= l; ++s) visits += binomial(static_cast<int>(a.degree(term)), s);
  if (n <= 24 && visits > static_cast<double>(l + 1) * n * std::ldexp(1.0, n)) {
    const std::size_t size = std::size_t{1} << n;
    std::vector<double> result(size, 0.0), table(size);
    for (int s = 0; s <= l; ++s) {
      std::fill(table.begin(), table.end(), 0.0);
      for (std::size_t term = 0; term < a.size(); ++term) {
        std::uint64_t bits = 0;
        for (const std::uint32_t i : a.term(term)) bits |= std::uint64_t{1} << i;
        table[bits] = a.coef(term) * weight(index, static_cast<int>(a.degree(term)), s, l);
      }
      superset_sum(table);
      for (std::uint64_t set = 0; set < size; ++set)
        if (std::popcount(set) == s) result[set] = table[set];
    }
    return SparsePolynomial::from_table(n, Basis::kMobius, result);
  }

  TermAccumulator out(n, Basis::kMobius);
  std::vector<std::uint32_t> subset;
  for (std::size_t term = 0; term < a.size(); ++term) {
    const auto features = a.term(term);
    const int t = static_cast<int>(features.size());
    SPEXBENCH_CHECK(t <= 63, index_name(index), ": a Möbius term of degree ", t, " is too large");
    // Subsets S of T with |S| = s <= l, in Gosper order, receive weight(t, s) a(T).
    for (int s = 0; s <= std::min(l, t); ++s) {
      const double w = weight(index, t, s, l);
      if (w == 0.0) continue;
      const std::uint64_t last = s == 0 ? 0 : ((std::uint64_t{1} << s) - 1) << (t - s);
      for (std::uint64_t mask = (std::uint64_t{1} << s) - 1;;) {
        subset.clear();
        for (std::uint64_t bits = mask; bits != 0; bits &= bits - 1)
          subset.push_back(features[static_cast<std::size_t>(std::countr_zero(bits))]);
        out.add(subset, w * a.coef(term));
        if (mask == last) break;
        const std::uint64_t low = mask & (~mask + 1);  // next combination (Gosper's hack)
        const std::uint64_t ripple = mask + low;
        mask = (((ripple ^ mask) >> 2) / low) | ripple;
      }
    }
  }
  return std::move(out).finish();
}

std::vector<double> shapley_values(const SparsePolynomial& f) {
  std::vector<double> phi(static_cast<std::size_t>(f.num_features()), 0.0);
  if (f.basis() == Basis::kFourier) {
    // Straight from the Fourier terms, never through their 2^|k| Möbius terms (a degree-20 term
    // has a million). The game F(k) (-1)^{|k ∩ x|} gives nothing to players outside k and the same
    // to each inside (symmetry), so efficiency splits v(all) - v(none) = F(k) ((-1)^{|k|} - 1)
    // evenly: -2 F(k) / |k| to each of k when |k| is odd, 0 when it is even.
    for (std::size_t t = 0; t < f.size(); ++t) {
      const auto features = f.term(t);
      if (features.size() % 2 == 0) continue;
      const double share = -2.0 * f.coef(t) / static_cast<double>(features.size());
      for (const std::uint32_t i : features) phi[i] += share;
    }
    return phi;
  }
  const SparsePolynomial& a = f;
  for (std::size_t t = 0; t < a.size(); ++t) {
    const auto features = a.term(t);
    if (features.empty()) continue;
    const double share = a.coef(t) / static_cast<double>(features.size());
    for (const std::uint32_t i : features) phi[i] += share;
  }
  return phi;
}

}  // namespace spexbench
