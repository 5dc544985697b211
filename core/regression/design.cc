#include "core/regression/design.h"

#include <functional>

namespace spexbench {

TermList sets_up_to(int n, int order) {
  TermList sets = {{}};
  std::vector<std::uint32_t> current;
  for (int size = 1; size <= order; ++size) {
    // Combinations of `size` elements in lexicographic order.
    std::function<void(std::uint32_t)> extend = [&](std::uint32_t start) {
      if (static_cast<int>(current.size()) == size) {
        sets.push_back(current);
        return;
      }
      for (std::uint32_t i = start; i < static_cast<std::uint32_t>(n); ++i) {
        current.push_back(i);
        extend(i + 1);
        current.pop_back();
      }
    };
    extend(0);
  }
  return sets;
}

std::uint64_t count_sets_up_to(int n, int order) {
  constexpr std::uint64_t kCap = std::uint64_t{1} << 62;
  std::uint64_t total = 1, binomial = 1;
  for (int k = 1; k <= std::min(n, order); ++k) {
    const auto factor = static_cast<std::uint64_t>(n - k + 1);
    if (binomial > kCap / factor) return kCap;
    binomial = binomial * factor / static_cast<std::uint64_t>(k);
    total += binomial;
    if (total >= kCap) return kCap;
  }
  return total;
}

SparsePolynomial mobius_polynomial(int n, const TermList& terms, const Eigen::VectorXd& coef) {
  SparsePolynomial out(n, Basis::kMobius);
  for (std::size_t t = 0; t < terms.size(); ++t)
    if (coef(static_cast<Eigen::Index>(t)) != 0.0)
      out.add_term(terms[t], coef(static_cast<Eigen::Index>(t)));
  out.canonicalize();
  return out;
}

Eigen::MatrixXd mobius_design(const MaskBatch& masks, const TermList& terms) {
  Eigen::MatrixXd x(static_cast<Eigen::Index>(masks.rows()),
                    static_cast<Eigen::Index>(terms.size()));
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    const auto row = masks.row(r);
    for (std::size_t c = 0; c < terms.size(); ++c) {
      bool all = true;
      for (const std::uint32_t i : terms[c]) all = all && is_kept(row, i);
      x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = all ? 1.0 : 0.0;
    }
  }
  return x;
}

}  // namespace spexbench
