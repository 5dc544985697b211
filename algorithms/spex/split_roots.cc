#include "algorithms/spex/split_roots.h"

#include <algorithm>

#include "core/error.h"

namespace spexbench::spex {
namespace {

using Poly = std::vector<std::uint32_t>;  // lowest degree first, no trailing zeros

class PolyRing {
 public:
  explicit PolyRing(const GaloisField& field) : field_(field) {}

  static void trim(Poly& a) {
    while (!a.empty() && a.back() == 0) a.pop_back();
  }

  /// a / lead(a): the monic associate of a nonzero a.
  [[nodiscard]] Poly monic(Poly a) const {
    const std::uint32_t inverse = field_.inv(a.back());
    for (std::uint32_t& c : a) c = field_.mul(c, inverse);
    return a;
  }

  /// Quotient and remainder of a by a monic divisor.
  void divide(Poly a, const Poly& divisor, Poly* quotient, Poly* remainder) const {
    const std::size_t d = divisor.size() - 1;
    Poly q(a.size() >= divisor.size() ? a.size() - d : 0, 0);
    for (std::size_t top = a.size(); top-- > d;) {
      const std::uint32_t c = a[top];
      if (c == 0) continue;
      q[top - d] = c;
      for (std::size_t i = 0; i <= d; ++i) a[top - d + i] ^= field_.mul(c, divisor[i]);
    }
    trim(a);
    trim(q);
    if (quotient != nullptr) *quotient = std::move(q);
    if (remainder != nullptr) *remainder = std::move(a);
  }

  [[nodiscard]] Poly mod(Poly a, const Poly& divisor) const {
    Poly r;
    divide(std::move(a), divisor, nullptr, &r);
    return r;
  }

  /// a^2 mod p: squaring is additive in characteristic 2, sum c_i^2 x^(2i).
  [[nodiscard]] Poly square_mod(const Poly& a, const Poly& p) const {
    Poly s(a.empty() ? 0 : 2 * a.size() - 1, 0);
    for (std::size_t i = 0; i < a.size(); ++i) s[2 * i] = field_.square(a[i]);
    return mod(std::move(s), p);
  }

  /// The monic gcd of a and a nonzero b.
  [[nodiscard]] Poly gcd(Poly a, Poly b) const {
    trim(a);
    trim(b);
    while (!a.empty()) {
      Poly r = mod(std::move(b), monic(a));
      b = std::move(a);
      a = std::move(r);
    }
    return monic(std::move(b));
  }

  /// Tr(beta x) mod p = sum_{i < m} (beta x)^(2^i) mod p.
  [[nodiscard]] Poly trace_mod(std::uint32_t beta, const Poly& p) const {
    Poly term = mod(Poly{0, beta}, p);
    Poly sum = term;
    for (int i = 1; i < field_.degree(); ++i) {
      term = square_mod(term, p);
      sum.resize(std::max(sum.size(), term.size()), 0);
      for (std::size_t j = 0; j < term.size(); ++j) sum[j] ^= term[j];
    }
    trim(sum);
    return sum;
  }

  /// Appends the roots of monic p, trying the basis elements a^k, a^(k+1), ...; false when some
  /// factor could not be separated.
  bool roots(const Poly& p, int k, std::vector<std::uint32_t>& out) const {
    if (p.size() == 2) {
      out.push_back(p[0]);  // x + c has the root c in characteristic 2
      return true;
    }
    for (; k < field_.degree(); ++k) {
      const Poly factor = gcd(p, trace_mod(field_.alpha_pow(static_cast<std::uint64_t>(k)), p));
      if (factor.size() <= 1 || factor.size() == p.size()) continue;
      Poly rest;
      divide(p, factor, &rest, nullptr);
      return roots(factor, k + 1, out) && roots(rest, k + 1, out);
    }
    return false;
  }

 private:
  const GaloisField& field_;
};

}  // namespace

std::vector<std::uint32_t> split_roots(const GaloisField& field,
                                       std::span<const std::uint32_t> poly) {
  Poly p(poly.begin(), poly.end());
  PolyRing::trim(p);
  SPEXBENCH_ASSERT(p.size() >= 2);
  const PolyRing ring(field);
  p = ring.monic(std::move(p));
  std::vector<std::uint32_t> out;
  if (!ring.roots(p, 0, out)) return {};
  std::sort(out.begin(), out.end());
  // A repeated factor (x + c)^2 can be split into two copies of x + c by a trace gcd.
  if (std::adjacent_find(out.begin(), out.end()) != out.end()) return {};
  return out;
}

}  // namespace spexbench::spex
