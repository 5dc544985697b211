#include "algorithms/spex/bch_code.h"

#include <algorithm>
#include <bit>

#include "algorithms/spex/split_roots.h"
#include "core/error.h"

namespace spexbench::spex {
namespace {

struct CodeShape {
  int m = 0;
  int parity = 0;  // P = nc - kc
};

/// Size of the union of the cyclotomic cosets of 1..2t modulo 2^m - 1: the degree of g(x).
int generator_degree(int m, int t) {
  const std::uint64_t order = (std::uint64_t{1} << m) - 1;
  std::vector<bool> in_union(order, false);
  int degree = 0;
  for (std::uint64_t i = 1; i <= static_cast<std::uint64_t>(2 * t); ++i) {
    std::uint64_t j = i % order;
    while (!in_union[j]) {
      in_union[j] = true;
      ++degree;
      j = (2 * j) % order;
    }
  }
  return degree;
}

/// The reference's parameter search (docs/spex.md, "Query design"): smallest m >= ceil(log2(2t +
/// 2)) with kc = 2^m - 1 - P >= n.
CodeShape search(int n, int t) {
  SPEXBENCH_CHECK(t >= 1 && t <= kMaxCorrectable, "spex: t=", t, " outside [1, ", kMaxCorrectable,
                  "]");
  SPEXBENCH_CHECK(n >= 1, "spex: n=", n, ", must be >= 1");
  // ceil(log2(d + 1)) for the designed distance d = 2t + 1 is bit_width(d).
  int m = std::max(2, static_cast<int>(std::bit_width(static_cast<unsigned>(2 * t + 1))));
  for (; m <= GaloisField::kMaxDegree; ++m) {
    const int parity = generator_degree(m, t);
    const std::int64_t kc = (std::int64_t{1} << m) - 1 - parity;
    if (kc >= n) return {m, parity};
  }
  const int largest = static_cast<int>((std::int64_t{1} << GaloisField::kMaxDegree) - 1 -
                                       generator_degree(GaloisField::kMaxDegree, t));
  throw Error(str_cat("spex: n=", n, " exceeds the largest BCH code over GF(2^19) for t=", t,
                      " (n <= ", largest, ")"));
}

}  // namespace

int BchCode::parity_length(int n, int t) { return search(n, t).parity; }

BchCode::BchCode(int n, int t) : n_(n), t_(t), field_(search(n, t).m) {
  // g(x) = lcm of the minimal polynomials of a^1..a^{2t}: multiply (x - a^j) over the union of
  // their cyclotomic cosets, in GF(2^m); the product has binary coefficients.
  const std::uint32_t order = field_.order();
  std::vector<bool> in_union(order, false);
  std::vector<std::uint32_t> g = {1};  // coefficients, lowest degree first
  for (std::uint32_t i = 1; i <= static_cast<std::uint32_t>(2 * t); ++i) {
    std::uint32_t j = i % order;
    while (!in_union[j]) {
      in_union[j] = true;
      const std::uint32_t root = field_.alpha_pow(j);
      std::vector<std::uint32_t> next(g.size() + 1, 0);
      for (std::size_t d = 0; d < g.size(); ++d) {
        next[d + 1] ^= g[d];                // x * g
        next[d] ^= field_.mul(root, g[d]);  // root * g (minus is plus in characteristic 2)
      }
      g = std::move(next);
      j = static_cast<std::uint32_t>((2 * std::uint64_t{j}) % order);
    }
  }
  p_ = static_cast<int>(g.size()) - 1;
  SPEXBENCH_ASSERT(p_ == search(n, t).parity && p_ <= kMaxParityBits);
  Parity g_low;  // g(x) - x^P, i.e. x^P mod g(x)
  for (int d = 0; d < p_; ++d) {
    SPEXBENCH_ASSERT(g[static_cast<std::size_t>(d)] <= 1, "generator has a non-binary coefficient");
    if (g[static_cast<std::size_t>(d)] != 0) g_low.set(d);
  }
  columns_.resize(static_cast<std::size_t>(n));
  Parity r = g_low;
  for (int i = 0; i < n; ++i) {
    columns_[static_cast<std::size_t>(i)] = r;
    // r <- x r mod g
    const bool carry = r.get(p_ - 1);
    for (std::size_t w = r.words.size(); w-- > 0;)
      r.words[w] = (r.words[w] << 1) | (w > 0 ? r.words[w - 1] >> 63 : 0);
    if (p_ < kMaxParityBits && r.get(p_)) r.flip(p_);  // the bit shifted out of x^0..x^{P-1}
    if (carry) r ^= g_low;
  }
}

Parity BchCode::parity_of(std::span<const std::uint32_t> features) const {
  Parity out;
  for (const std::uint32_t f : features) out ^= columns_[f];
  return out;
}

BchCode::Syndromes BchCode::syndromes(const Parity& y) const {
  Syndromes out;
  const std::uint32_t order = field_.order();
  for (int p = 0; p < p_; ++p) {
    if (!y.get(p)) continue;
    for (int j = 1; j <= 2 * t_; j += 2)
      out.s[static_cast<std::size_t>(j - 1)] ^=
          field_.alpha_pow(static_cast<std::uint64_t>(j) * p % order);
  }
  // Binary code: S_2j = S_j^2.
  for (int j = 2; j <= 2 * t_; j += 2)
    out.s[static_cast<std::size_t>(j - 1)] =
        field_.square(out.s[static_cast<std::size_t>(j / 2 - 1)]);
  return out;
}

void BchCode::flip(Syndromes& syndromes, int p) const {
  for (int j = 1; j <= 2 * t_; ++j)
    syndromes.s[static_cast<std::size_t>(j - 1)] ^=
        field_.alpha_pow(static_cast<std::uint64_t>(j) * p);
}

bool BchCode::splits(std::span<const std::uint32_t> locator, int degree) const {
  // mu = locator / leading coefficient is monic; it splits into distinct linear factors over
  // GF(2^m) iff x^(2^m) = x mod mu. m squarings of a residue of degree < L decide it, which is far
  // cheaper than a Chien search over every position for the many failed decodings of multitons.
  const auto L = static_cast<std::size_t>(degree);
  const std::uint32_t lead_inverse = field_.inv(locator[L]);
  std::array<std::uint32_t, kMaxCorrectable + 1> mu{};
  for (std::size_t i = 0; i < L; ++i) mu[i] = field_.mul(locator[i], lead_inverse);
  std::array<std::uint32_t, 2 * kMaxCorrectable> residue{}, product{};
  auto reduce = [&](std::array<std::uint32_t, 2 * kMaxCorrectable>& poly, std::size_t top) {
    for (std::size_t d = top; d >= L && d <= top; --d) {
      const std::uint32_t c = poly[d];
      if (c == 0) continue;
      poly[d] = 0;
      for (std::size_t i = 0; i < L; ++i)
        poly[d - L + i] ^= field_.mul(c, mu[i]);  // x^L = sum mu_i x^i
    }
  };
  if (L == 1) {
    residue[0] = mu[0];  // x = mu_0 modulo x + mu_0
  } else {
    residue[1] = 1;
  }
  const auto x_mod = residue;
  for (int s = 0; s < field_.degree(); ++s) {
    product.fill(0);
    for (std::size_t i = 0; i < L; ++i) product[2 * i] = field_.square(residue[i]);
    reduce(product, 2 * L - 2);
    residue = product;
  }
  for (std::size_t i = 0; i < L; ++i)
    if (residue[i] != x_mod[i]) return false;
  return true;
}

std::optional<BchCode::Decoded> BchCode::decode(const Syndromes& syn) const {
  const int two_t = 2 * t_;
  bool all_zero = true;
  for (int j = 0; j < two_t; ++j) all_zero = all_zero && syn.s[static_cast<std::size_t>(j)] == 0;
  if (all_zero) return Decoded{{}, 0};

  // Berlekamp-Massey over GF(2^m): the shortest LFSR (error locator) generating S_1..S_2t.
  std::array<std::uint32_t, 2 * kMaxCorrectable + 2> lambda{}, previous{}, saved{};
  lambda[0] = previous[0] = 1;
  int length = 0, shift = 1;
  std::uint32_t previous_discrepancy = 1;
  for (int r = 0; r < two_t; ++r) {
    std::uint32_t discrepancy = syn.s[static_cast<std::size_t>(r)];
    for (int i = 1; i <= length; ++i)
      discrepancy ^=
          field_.mul(lambda[static_cast<std::size_t>(i)], syn.s[static_cast<std::size_t>(r - i)]);
    if (discrepancy == 0) {
      ++shift;
      continue;
    }
    const std::uint32_t scale = field_.div(discrepancy, previous_discrepancy);
    if (2 * length <= r) {
      saved = lambda;
      for (std::size_t i = 0; i + static_cast<std::size_t>(shift) < lambda.size(); ++i)
        lambda[i + static_cast<std::size_t>(shift)] ^= field_.mul(scale, previous[i]);
      length = r + 1 - length;
      previous = saved;
      previous_discrepancy = discrepancy;
      shift = 1;
    } else {
      for (std::size_t i = 0; i + static_cast<std::size_t>(shift) < lambda.size(); ++i)
        lambda[i + static_cast<std::size_t>(shift)] ^= field_.mul(scale, previous[i]);
      ++shift;
    }
  }
  if (length > t_) return std::nullopt;
  int degree = length;
  while (degree > 0 && lambda[static_cast<std::size_t>(degree)] == 0) --degree;
  if (degree != length || degree == 0) return std::nullopt;
  if (!splits(std::span(lambda).first(static_cast<std::size_t>(degree) + 1), degree))
    return std::nullopt;

  // lambda(x) = prod (1 - a^e x) over the error positions e: its roots are a^-e, found by the
  // trace algorithm in time independent of n (a Chien search would try all n + P positions).
  const std::vector<std::uint32_t> roots =
      split_roots(field_, std::span(lambda).first(static_cast<std::size_t>(degree) + 1));
  if (static_cast<int>(roots.size()) != degree) return std::nullopt;
  Decoded decoded;
  decoded.errors = degree;
  const std::uint32_t order = field_.order();
  for (const std::uint32_t root : roots) {
    const std::uint32_t e = (order - field_.log(root)) % order;
    if (e >= static_cast<std::uint32_t>(p_ + n_))
      return std::nullopt;  // outside the shortened code
    if (e >= static_cast<std::uint32_t>(p_)) decoded.features.push_back(e - p_);
  }
  std::sort(decoded.features.begin(), decoded.features.end());
  return decoded;
}

}  // namespace spexbench::spex
