// Closed-form indices against their definitions, on random functions with n <= 11, every index
// and every order: to 1e-10 relative (issue figure).
#include "core/interaction_index.h"

#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <bit>
#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "core/transforms.h"
#include "tests/core/brute_force.h"

namespace spexbench {
namespace {

using Table = std::vector<double>;  // f on every mask, indexed by the mask's integer

double binomial(int n, int k) {
  if (k < 0 || k > n) return 0;
  double out = 1;
  for (int i = 1; i <= k; ++i) out = out * (n - k + i) / i;
  return out;
}
double factorial(int n) { return n <= 1 ? 1.0 : n * factorial(n - 1); }

/// Discrete derivative delta_S f(T) = sum_{W ⊆ S} (-1)^{|S|-|W|} f(T ∪ W), T ∩ S = ∅.
double derivative(const Table& f, std::uint64_t s, std::uint64_t t) {
  double sum = 0;
  for (std::uint64_t w = s;; w = (w - 1) & s) {
    sum += (std::popcount(s ^ w) % 2 ? -1.0 : 1.0) * f[t | w];
    if (w == 0) break;
  }
  return sum;
}

/// Index value at S straight from the definitions (Grabisch; Sundararajan et al.; Tsai et al.).
double brute_index(const Table& f, int n, InteractionIndex index, int l, std::uint64_t s,
                   const Eigen::VectorXd* faith) {
  const std::uint64_t all = (std::uint64_t{1} << n) - 1;
  const int size = std::popcount(s);
  double sum = 0;
  switch (index) {
    case InteractionIndex::kSii:
      for (std::uint64_t t = 0; t <= all; ++t)
        if ((t & s) == 0)
          sum += factorial(n - std::popcount(t) - size) * factorial(std::popcount(t)) /
                 factorial(n - size + 1) * derivative(f, s, t);
      return sum;
    case InteractionIndex::kBii:
      for (std::uint64_t t = 0; t <= all; ++t)
        if ((t & s) == 0) sum += derivative(f, s, t);
      return std::ldexp(sum, size - n);
    case InteractionIndex::kStii:
      if (size < l) return derivative(f, s, 0);
      for (std::uint64_t t = 0; t <= all; ++t)
        if ((t & s) == 0) sum += derivative(f, s, t) / binomial(n - 1, std::popcount(t));
      return sum * l / n;
    case InteractionIndex::kKsii: {
      // Bordt and von Luxburg's aggregation of SII, with the Bernoulli numbers as printed.
      if (size == 0) return f[0];
      constexpr double kBernoulli[] = {1, -1.0 / 2, 1.0 / 6, 0,        -1.0 / 30,
                                       0, 1.0 / 42, 0,       -1.0 / 30};
      for (std::uint64_t u = 0; u <= all; ++u)
        if ((u & s) == s && std::popcount(u) <= l)
          sum += kBernoulli[std::popcount(u) - size] *
                 brute_index(f, n, InteractionIndex::kSii, l, u, nullptr);
      return sum;
    }
    default:
      return (*faith)(static_cast<Eigen::Index>(s));  // least-squares solution, below
  }
}

/// Faith indices by their definition: the degree-l polynomial closest to f in weighted least
/// squares over all 2^n masks. FBII: uniform weights. FSII: the Shapley kernel
/// (n-1) / (C(n,|T|) |T| (n-|T|)), with f(∅) and f(N) matched exactly (KKT equality constraints).
/// Returned indexed by set integer.
Eigen::VectorXd faith_by_least_squares(const Table& f, int n, int l, bool shapley) {
  const std::uint64_t size = std::uint64_t{1} << n;
  std::vector<std::uint64_t> columns;
  for (std::uint64_t s = 0; s < size; ++s)
    if (std::popcount(s) <= l) columns.push_back(s);
  const auto p = static_cast<Eigen::Index>(columns.size());
  Eigen::MatrixXd x(static_cast<Eigen::Index>(size), p);
  Eigen::VectorXd w(static_cast<Eigen::Index>(size)), y(static_cast<Eigen::Index>(size));
  for (std::uint64_t t = 0; t < size; ++t) {
    for (Eigen::Index c = 0; c < p; ++c)
      x(static_cast<Eigen::Index>(t), c) =
          (columns[static_cast<std::size_t>(c)] & t) == columns[static_cast<std::size_t>(c)];
    const int k = std::popcount(t);
    w(static_cast<Eigen::Index>(t)) =
        !shapley ? 1.0 : (k == 0 || k == n ? 0.0 : (n - 1) / (binomial(n, k) * k * (n - k)));
    y(static_cast<Eigen::Index>(t)) = f[t];
  }
  Eigen::MatrixXd kkt = Eigen::MatrixXd::Zero(p + 2, p + 2);
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(p + 2);
  kkt.topLeftCorner(p, p) = x.transpose() * w.asDiagonal() * x;
  rhs.head(p) = x.transpose() * w.asDiagonal() * y;
  int constraints = 0;
  if (shapley) {
    for (const std::uint64_t t : {std::uint64_t{0}, size - 1}) {
      kkt.block(0, p + constraints, p, 1) = x.row(static_cast<Eigen::Index>(t)).transpose();
      kkt.block(p + constraints, 0, 1, p) = x.row(static_cast<Eigen::Index>(t));
      rhs(p + constraints) = f[t];
      ++constraints;
    }
  }
  const Eigen::VectorXd solution = kkt.topLeftCorner(p + constraints, p + constraints)
                                       .fullPivLu()
                                       .solve(rhs.head(p + constraints));
  Eigen::VectorXd by_set = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(size));
  for (Eigen::Index c = 0; c < p; ++c)
    by_set(static_cast<Eigen::Index>(columns[static_cast<std::size_t>(c)])) = solution(c);
  return by_set;
}

SparsePolynomial mobius_of(Table f, int n) {
  mobius(f);
  return SparsePolynomial::from_table(n, Basis::kMobius, f);
}

TEST(InteractionIndex, ClosedFormsMatchTheDefinitionsForEveryIndexAndOrder) {
  for (const int n : {3, 6, 8}) {
    const Table f = test::random_values(n, 100 + static_cast<std::uint64_t>(n));
    const SparsePolynomial a = mobius_of(f, n);
    for (const InteractionIndex index :
         {InteractionIndex::kSii, InteractionIndex::kBii, InteractionIndex::kStii,
          InteractionIndex::kFsii, InteractionIndex::kFbii, InteractionIndex::kShapley,
          InteractionIndex::kBanzhaf, InteractionIndex::kKsii}) {
      for (int order = 1; order <= n; ++order) {
        const int l = index_order(index, order);
        Eigen::VectorXd faith;
        if (index == InteractionIndex::kFsii || index == InteractionIndex::kShapley)
          faith = faith_by_least_squares(f, n, l, true);
        if (index == InteractionIndex::kFbii || index == InteractionIndex::kBanzhaf)
          faith = faith_by_least_squares(f, n, l, false);
        const SparsePolynomial closed = interaction_index(a, index, order);
        const TermIndex lookup(closed);
        for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s) {
          if (std::popcount(s) > l) continue;
          std::vector<std::uint32_t> features;
          for (std::uint64_t bits = s; bits != 0; bits &= bits - 1)
            features.push_back(static_cast<std::uint32_t>(std::countr_zero(bits)));
          const auto t = lookup.find(features);
          const double value = t ? closed.coef(*t) : 0.0;
          // Relative to the value's size: the least-squares definitions (256 unknowns at n = 8)
          // are themselves solved only to about 1e-11 relative.
          const double expected = brute_index(f, n, index, l, s, &faith);
          ASSERT_NEAR(value, expected, 1e-10 * std::max(1.0, std::abs(expected)))
              << index_name(index) << " n=" << n << " order=" << l << " S=" << s;
        }
        if (index == InteractionIndex::kShapley || index == InteractionIndex::kBanzhaf) break;
      }
    }
  }
}

TEST(InteractionIndex, KSiiIsEfficientAndIsTheMobiusFormOfAFunctionOfDegreeAtMostK) {
  const int n = 9;
  const Table f = test::random_values(n, 7);
  const SparsePolynomial a = mobius_of(f, n);
  for (int order = 1; order <= 4; ++order) {
    const SparsePolynomial k_sii = interaction_index(a, InteractionIndex::kKsii, order);
    double sum = 0;
    for (std::size_t t = 0; t < k_sii.size(); ++t) sum += k_sii.coef(t);
    EXPECT_NEAR(sum, f.back(), 1e-9) << order;  // f(∅) plus the values: f(N)
  }
  SparsePolynomial low(n, Basis::kMobius);
  low.add_term({}, 0.5);
  low.add_term({1}, -1.0);
  low.add_term({2, 7}, 2.0);
  low.add_term({0, 3}, 0.25);
  const SparsePolynomial k_sii = interaction_index(low, InteractionIndex::kKsii, 2);
  ASSERT_EQ(k_sii.size(), low.size());
  for (std::size_t t = 0; t < low.size(); ++t)
    EXPECT_NEAR(k_sii.find(low.term(t)).value_or(0.0), low.coef(t), 1e-15);
}

TEST(InteractionIndex, ShapleyValuesMatchTheMarginalContributionFormula) {
  const int n = 7;
  const Table f = test::random_values(n, 5);
  const std::vector<double> phi = shapley_values(mobius_of(f, n));
  for (int i = 0; i < n; ++i) {
    double expected = 0;
    const std::uint64_t bit = std::uint64_t{1} << i;
    for (std::uint64_t s = 0; s < (std::uint64_t{1} << n); ++s) {
      if (s & bit) continue;
      const int k = std::popcount(s);
      expected += factorial(k) * factorial(n - k - 1) / factorial(n) * (f[s | bit] - f[s]);
    }
    EXPECT_NEAR(phi[static_cast<std::size_t>(i)], expected, 1e-12);
  }
}

TEST(InteractionIndex, ShapleyValuesOfTheFourierFormEqualThoseOfTheMobiusForm) {
  const int n = 7;
  const SparsePolynomial a = mobius_of(test::random_values(n, 6), n);
  const std::vector<double> from_mobius = shapley_values(a);
  const std::vector<double> from_fourier = shapley_values(a.to_basis(Basis::kFourier));
  for (int i = 0; i < n; ++i) EXPECT_NEAR(from_fourier[i], from_mobius[i], 1e-12) << i;
  // A degree-21 term (two million Möbius terms) costs 21 additions: -2 F / 21 to each feature.
  SparsePolynomial wide(64, Basis::kFourier);
  std::vector<std::uint32_t> odd(21);
  for (std::uint32_t i = 0; i < 21; ++i) odd[i] = 2 * i;
  wide.add_term(odd, 3.0);
  const std::vector<double> phi = shapley_values(wide);
  EXPECT_NEAR(phi[0], -6.0 / 21, 1e-15);
  EXPECT_EQ(phi[1], 0.0);
}

TEST(InteractionIndex, DenseAndSparsePathsAgree) {
  // A dense n = 11 function at a high order takes the superset-sum path; the same function as a
  // sparse polynomial with few terms takes the subset enumeration. Compare with BII brute force.
  const int n = 11;
  const Table f = test::random_values(n, 8);
  const SparsePolynomial a = mobius_of(f, n);
  const SparsePolynomial dense = interaction_index(a, InteractionIndex::kBii, 9);
  for (const std::uint64_t s : {std::uint64_t{0}, std::uint64_t{5}, std::uint64_t{0x1ff}}) {
    std::vector<std::uint32_t> features;
    for (std::uint64_t bits = s; bits != 0; bits &= bits - 1)
      features.push_back(static_cast<std::uint32_t>(std::countr_zero(bits)));
    EXPECT_NEAR(dense.find(features).value_or(0.0),
                brute_index(f, n, InteractionIndex::kBii, 9, s, nullptr), 1e-10);
  }
}

TEST(InteractionIndex, BadOrdersAndNamesAreErrors) {
  SparsePolynomial a(4, Basis::kMobius);
  a.add_term({0, 1}, 1.0);
  EXPECT_THROW((void)interaction_index(a, InteractionIndex::kFsii, 0), Error);
  EXPECT_THROW((void)interaction_index(a, InteractionIndex::kFsii, 5), Error);
  EXPECT_THROW((void)parse_index("fsi"), Error);
  EXPECT_EQ(parse_index("stii"), InteractionIndex::kStii);
}

}  // namespace
}  // namespace spexbench
